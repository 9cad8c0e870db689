import Foundation
import InfragenModel
import InfragenTestSupport
import Testing

/// The raw SLI's queries are parsed as Prometheus parses them: promtool is the judge of what parses (each query with
/// `[$window]` as `[5m]`, as the rules write it).
@Suite struct PromQLSyntaxTests {
    /// Queries and whether Prometheus (promtool 2.42) accepts them as a rule's expression.
    static let verdicts: [(String, Bool)] = [
        (#"sum(rate(grpc_server_handled_total{grpc_code!="OK"}[$window]))"#, true),
        (#"sum(rate(http_requests_total{job="api",code=~"5.."}[$window]))"#, true),
        (#"sum by (job) (rate(x_total[$window]))"#, true),
        (#"sum(rate(x_total[$window])) by (job)"#, true),
        (#"sum without (instance) (rate(x_total[$window] offset 5m))"#, true),
        (#"sum(increase(x_total[$window])) / 60"#, true),
        (#"sum(rate(a_total[$window])) - sum(rate(b_bucket{le="0.5"}[$window]))"#, true),
        (#"sum(rate(a_total[$window])) > bool 0"#, true),
        (#"sum(rate(a_total[$window])) and on (job) sum(rate(b_total[$window]))"#, true),
        (#"rate(a_total[$window]) * on (job) group_left (team) info"#, true),
        (#"-sum(rate(a_total[$window]))"#, true),
        (#"sum(rate(job:requests:rate5m[$window]))"#, true),
        (#"sum(rate({__name__="a_total", job='api'}[$window]))"#, true),
        (#"sum(rate(a_total{path=`C:\dir`}[$window]))"#, true),
        (#"sum(rate(a_total{v="\u00e9\x41\101\n\t\\\""}[$window]))"#, true),
        (#"sum(rate(a_total{v="a",}[$window]))"#, true),
        ("sum(rate(a_total[$window])) # a comment", true),
        ("sum(\n  rate(a_total[$window])\n)", true),
        (#"sum(max_over_time(rate(a_total[$window])[$window:1m]))"#, true),
        (#"histogram_quantile(0.99, sum by (le) (rate(a_bucket[$window])))"#, true),
        (#"topk(3, rate(a_total[$window]))"#, true),
        (#"count_values("v", rate(a_total[$window]))"#, true),
        (#"sum(rate(a_total[$window] @ 1609746000))"#, true),
        (#"sum(rate(a_total[$window])) + 1e3 * 0x10"#, true),
        (#"label_replace(rate(a_total[$window]), "x", "$1", "y", "(.*)")"#, true),
        (#"sum(rate(a_total{v=~"(a|b"}[$window]))"#, false),
        (#"sum(rate(a_total[$window])"#, false),
        (#"sum(rate(a_total[$window])))"#, false),
        (#"sum(rate(a_total{code="5"[$window]))"#, false),
        (#"sum(rate(a_total[$window]]))"#, false),
        (#"sum(rate(a_total{code=="500"}[$window]))"#, false),
        (#"sum(rate(a_total{code="500}[$window]))"#, false),
        (#"sum(rate(a_total{code="\q"}[$window]))"#, false),
        (#"sum(rate(a_total{code='a\"b'}[$window]))"#, false),
        (#"sum(rate(a_total{code="\400"}[$window]))"#, false),
        (#"sum(rate(a_total{code="\uD800"}[$window]))"#, false),
        (#"sum(rate(a_total[$window])) sum(rate(b_total[$window]))"#, false),
        (#"sum(rate(a_total[$window])) +"#, false),
        (#"sum(rate(a_total))"#, false),
        (#"sum(rate(a_total[$window])[$window])"#, false),
        (#"sum(rat(a_total[$window]))"#, false),
        (#"sum(rate(a_total[$window], 1))"#, false),
        (#"sum(rate({code="500"}[$window]))"#, true),
        (#"sum(rate({code=~".*"}[$window]))"#, false),
        (#"sum(rate(a_total[$window])) > 1 > 2"#, true),
        (#"sum(rate(a_total[$window])) and 1"#, false),
        (#"sum(rate(a_total[$window])) offset 5m"#, false),
        (#"sum(rate(a_total[$window] offset 5x))"#, false),
        (#"sum by (job (rate(a_total[$window]))"#, false),
        (#"sum(rate(a_total[$window])) by job"#, false),
        (#"sum(rate(a-total[$window]))"#, false),
        (#"sum(rate(a_total[$window])) bool > 0"#, false),
        (#"sum(rate(a_total[$window])) + bool 1"#, false),
        ("sum(rate(a_total[$window]))\u{7}", false),
        (#"sum(rate(a_total{code!~"5.."}[$window])) / sum(rate(a_total[$window]))"#, true),
    ]

    @Test func infragenParsesWhatPrometheusParses() {
        for (query, parses) in Self.verdicts {
            #expect(PromQLSyntax.parses(query) == parses, "\(query): \(String(describing: try? PromQLSyntax.check(query)))")
        }
    }

    /// The table above is promtool's own verdict, checked here on the installed promtool: each query, with its
    /// placeholder as the rules write it, in a literal block of a recording rule.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")))
    func theVerdictsArePromtools() throws {
        try withTemporaryFolder { folder in
            for (query, parses) in Self.verdicts {
                let expression = PromQLSyntax.substitute(query, window: "5m", namespace: "shop-prod")
                let block = expression.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "      " + $0 }.joined(separator: "\n")
                let rules = "groups:\n- name: g\n  rules:\n  - record: x\n    expr: |-\n\(block)\n"
                try rules.write(to: folder.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
                let result = try runProcess(try ExternalTool.path("promtool"), ["check", "rules", "r.yaml"],
                                            in: folder, timeout: .seconds(60))
                #expect((result.status == 0) == parses, "\(query): \(result)")
            }
        }
    }

    /// Where infragen is stricter than Prometheus, on purpose: every range is the placeholder and there is one, the
    /// query returns an instant vector (the ratio divides two), and it is at most 4 KiB.
    @Test func infragenIsStricterOnlyWhereItSays() {
        func message(_ query: String) -> String? {
            do { try PromQLSyntax.check(query); return nil } catch { return error.message }
        }
        #expect(message("sum(rate(a_total[5m]))")?.contains("every range must be the placeholder [$window]") == true)
        #expect(message("sum(a_total)")?.contains("has no range [$window]") == true)
        #expect(message("scalar(sum(rate(a_total[$window])))")?.contains("returns a scalar") == true)
        #expect(message("sum(rate(a_total[$windows]))")?.contains("the placeholders are [$window], and $namespace inside a string") == true)
        #expect(message("sum(rate(a_total[$window])) + " + String(repeating: "1+", count: 3000) + "1")?
            .contains("over 4096") == true)
    }

    /// `$window` is replaced where it is a range, never inside a string; `$namespace` only inside strings, each time.
    @Test func thePlaceholdersAreReplacedOnlyWhereTheyGo() {
        #expect(PromQLSyntax.substitute(#"sum(rate(a{v="[$window]"}[$window]))"#, window: "1h", namespace: "n")
            == #"sum(rate(a{v="[$window]"}[1h]))"#)
        #expect(PromQLSyntax.substitute(#"sum(rate(a{namespace="$namespace",x=~'$namespace|$namespace-canary'}[$window])) # $namespace"#,
                                        window: "5m", namespace: "shop-prod")
            == #"sum(rate(a{namespace="shop-prod",x=~'shop-prod|shop-prod-canary'}[5m])) # $namespace"#)
        #expect(PromQLSyntax.selectsNamespace(#"sum(rate(a{kubernetes_namespace="$namespace"}[$window]))"#))
        #expect(!PromQLSyntax.selectsNamespace(#"sum(rate(a{namespace="shop"}[$window])) # $namespace"#))
    }

    @Test func errorsSayWhatAndWhere() throws {
        do {
            try PromQLSyntax.check(#"sum(rate(a_total{code="5"[$window]))"#)
            Issue.record("parsed")
        } catch {
            #expect(error.message == "unexpected '[' in label matching")
            #expect(error.offset == 25)
        }
    }
}
