extension Duration {
    /// `minutes` × 60 seconds: `.minutes(30)`; saturated at the bounds of `Int64` seconds for absurd values.
    public static func minutes<T: BinaryInteger>(_ minutes: T) -> Duration {
        let (seconds, overflow) = Int64(clamping: minutes).multipliedReportingOverflow(by: 60)
        return .seconds(overflow ? (minutes < 0 ? Int64.min : Int64.max) : seconds)
    }
}
