import LiaisonCore

/// How to reach the SMTP server. Paths are used as given (the config loader resolves them).
public struct SMTPSettings: Sendable, Equatable {
    /// `smtps://host[:465]` (implicit TLS) or `smtp://host[:port]` (STARTTLS unless `tls` is `.none`).
    public var url: String
    public var user: String?
    public var password: String?
    /// `.required`: `smtps://`, or STARTTLS on `smtp://` (a server without it is a temporary failure).
    /// `.none`: plain SMTP on `smtp://` (the config parser allows it on loopback only).
    public var tls: Config.TLSMode
    /// A PEM bundle trusted in addition to the system CAs.
    public var caFile: String?
    /// Seconds allowed for connecting (TCP and TLS).
    public var connectTimeout: Double
    /// Seconds allowed for one message, from the first byte to the final reply (connecting included).
    public var timeout: Double

    public static let defaultConnectTimeout = Config.Defaults.smtpConnectTimeout
    public static let defaultTimeout = Config.Defaults.smtpTimeout

    public init(url: String, user: String? = nil, password: String? = nil, tls: Config.TLSMode = .required,
                caFile: String? = nil, connectTimeout: Double = SMTPSettings.defaultConnectTimeout,
                timeout: Double = SMTPSettings.defaultTimeout) {
        self.url = url
        self.user = user
        self.password = password
        self.tls = tls
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// The `[smtp]` section of the config, with the password read from its file by the caller.
    public init(config: Config.SMTP, password: String?) {
        self.init(url: config.url, user: config.user, password: password, tls: config.tls, caFile: config.caFile)
    }
}

extension SMTPSettings: CustomStringConvertible {
    /// Never shows the password.
    public var description: String {
        "SMTPSettings(url: \(url), user: \(user ?? "-"), password: \(password == nil ? "-" : "<secret>"), "
            + "tls: \(tls.rawValue), caFile: \(caFile ?? "-"))"
    }
}
