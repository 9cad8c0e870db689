/// Which environments count as production, where an image without a digest is a risk: `prod`, `production`,
/// `prod-eu` … The one rule `infragen review` and the system README both apply.
public enum ProductionEnvironments {
    public static func contains(_ environment: String) -> Bool {
        environment == "production" || environment == "prod" || environment.hasPrefix("prod-")
    }
}
