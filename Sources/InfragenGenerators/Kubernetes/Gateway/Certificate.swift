import InfragenYAML

extension K8s {
    /// cert-manager's `cert-manager.io/v1` Certificate: cert-manager keeps `secretName` filled with a certificate for
    /// `dnsNames` from the issuer, and renews it.
    typealias Certificate = Object<CertificateSpec>

    struct CertificateSpec: ObjectSpec {
        static let apiVersion = "cert-manager.io/v1"
        static let kind = "Certificate"
        var secretName: String
        var dnsNames: [String]
        var issuerRef: IssuerReference
        var privateKey: CertificatePrivateKey

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("secretName", secretName)
            yaml.add("dnsNames", dnsNames)
            yaml.add("issuerRef", issuerRef)
            yaml.add("privateKey", privateKey)
        }
    }

    struct IssuerReference: YAMLObject, Sendable {
        var name: String
        var kind: String
        let group = "cert-manager.io"

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("name", name)
            yaml.add("kind", kind)
            yaml.add("group", group)
        }
    }

    /// A new key at every renewal (`rotationPolicy: Always`), ECDSA P-256.
    struct CertificatePrivateKey: YAMLObject, Sendable {
        let algorithm = "ECDSA"
        let size = 256
        let rotationPolicy = "Always"

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("algorithm", algorithm)
            yaml.add("size", size)
            yaml.add("rotationPolicy", rotationPolicy)
        }
    }
}
