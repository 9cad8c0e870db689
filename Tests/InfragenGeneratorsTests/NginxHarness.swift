import Foundation
import Infragen
import InfragenRender
import InfragenTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the Nginx tool and traffic tests share: free loopback ports, a self-signed certificate, and an Nginx prefix
/// laid out the way the generated nginx.conf expects it.
enum NginxHarness {
    /// A port the kernel just handed out on 127.0.0.1 (TCP or UDP); free unless another process grabs it first.
    static func freePort(udp: Bool = false) throws -> Int {
        let descriptor = socket(AF_INET, Int32(udp ? SOCK_DGRAM.rawValue : SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw HarnessError("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw HarnessError("bind() to 127.0.0.1:0 failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Distinct free ports.
    static func freePorts(_ count: Int) throws -> [Int] {
        var ports: [Int] = []
        for _ in 0..<(count * 10) where ports.count < count {
            let port = try freePort()
            if !ports.contains(port) { ports.append(port) }
        }
        guard ports.count == count else { throw HarnessError("could not find \(count) free ports") }
        return ports
    }

    /// A self-signed RSA certificate for `hosts`, made by openssl: (certificate PEM, key PEM).
    static func certificate(for hosts: [String], in folder: URL) throws -> (certificate: String, key: String) {
        guard let commonName = hosts.first else { throw HarnessError("a certificate needs at least one host name") }
        let openssl = try ExternalTool.path("openssl")
        let certificate = folder.appendingPathComponent("certificate.pem"), key = folder.appendingPathComponent("key.pem")
        let result = try runProcess(openssl, [
            "req", "-x509", "-newkey", "rsa:2048", "-sha256", "-nodes", "-days", "2",
            "-keyout", key.path, "-out", certificate.path, "-subj", "/CN=\(commonName)",
            "-addext", "subjectAltName=" + hosts.map { "DNS:\($0)" }.joined(separator: ","),
        ], timeout: .seconds(60))
        guard result.status == 0 else { throw HarnessError("openssl failed: \(result)") }
        return (try String(contentsOf: certificate, encoding: .utf8), try String(contentsOf: key, encoding: .utf8))
    }

    /// The few MIME types the gateway serves itself (static files, its own text answers).
    static let mimeTypes = """
        types {
            text/html html htm;
            text/css css;
            text/plain txt;
            application/javascript js;
            application/json json;
            image/svg+xml svg;
            image/png png;
        }

        """

    /// A prefix with `conf/` (the generated files, mime.types, the certificate at the environment's TLS paths),
    /// `logs/`, `tmp/` and `html/static/app.css`. Returns the prefix folder.
    static func prefix(
        at root: URL, files: [String: String], tls: (certificate: String, key: String)?,
        tlsPaths: (certificate: String, key: String) = ("tls/tls.crt", "tls/tls.key"),
        staticFiles: [String: String] = [:]
    ) throws -> URL {
        var all: [(String, String)] = files.map { ("conf/\($0.key)", $0.value) }
        all.append(("conf/mime.types", mimeTypes))
        if let tls { all += [("conf/\(tlsPaths.certificate)", tls.certificate), ("conf/\(tlsPaths.key)", tls.key)] }
        all += staticFiles.map { ($0.key, $0.value) }
        try writeFiles(all, under: root)
        for folder in ["logs", "tmp"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        // Workers run as the compiled-in user when the tests run as root: they must be able to read the prefix.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
        return root
    }

    /// `nginx -t` on a prefix, with the main configuration `conf/<main>`.
    static func test(prefix: URL, main: String = "nginx.conf") throws -> ProcessResult {
        let nginx = try ExternalTool.path("nginx")
        return try runProcess(nginx, [
            "-t", "-q", "-e", "stderr", "-p", prefix.path + "/", "-c", prefix.appendingPathComponent("conf/\(main)").path,
        ], timeout: .seconds(60))
    }

    /// Stops an nginx that a failed run may have left behind in this prefix (its pid file), then removes nothing:
    /// the caller's temporary folder goes away with it.
    static func stopLeftover(prefix: URL) {
        guard let text = try? String(contentsOf: prefix.appendingPathComponent("tmp/nginx.pid"), encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1, kill(pid, 0) == 0
        else { return }
        kill(pid, SIGTERM)
        for _ in 0..<30 where kill(pid, 0) == 0 { usleep(100_000) }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
    }

    /// The files of one environment's nginx folder: `shop.conf`, `nginx.conf`.
    static func environmentFiles(_ rendered: [String: String], system: String, environment: String) -> [String: String] {
        let folder = "\(system)/\(environment)/nginx/"
        return Dictionary(uniqueKeysWithValues: rendered.filter { $0.key.hasPrefix(folder) }.map {
            (String($0.key.dropFirst(folder.count)), $0.value)
        })
    }

    /// The system with the gateway listening on 127.0.0.1 at free ports: the only change the tool tests make.
    static func onLoopback(_ system: SystemDescription) throws -> SystemDescription {
        var system = system
        let ports = try freePorts(2)
        system.gateway.listen = ListenDescription(
            address: "127.0.0.1", httpPort: ports[0], httpsPort: ports[1], redirectPort: system.gateway.listen.redirectPort)
        return system
    }

    struct HarnessError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
