/// The subject tag of a thread, `[联络#K3F9Q2M7XA4PLD8W]`: a short word saying what the thread
/// is about and the thread's token.
///
/// The token is 80 random bits in Crockford's base32 (digits and capitals without I, L, O, U),
/// so it survives being read aloud or retyped, and cannot be guessed. It is what a reply is
/// matched by when its `In-Reply-To`/`References` were lost; the store maps it to the thread.
public enum ThreadTag {
    /// Crockford's base32 alphabet.
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    public static let tokenLength = 16
    public static let randomByteCount = 10

    /// The token for 10 secure random bytes (the caller's random source; only the first 10
    /// bytes are used).
    ///
    /// - Precondition: `randomBytes.count >= 10`.
    public static func token(from randomBytes: [UInt8]) -> String {
        precondition(randomBytes.count >= randomByteCount, "a thread token needs 10 random bytes")
        var out = ""
        var acc: UInt32 = 0
        var bits = 0
        for b in randomBytes.prefix(randomByteCount) {
            acc = acc << 8 | UInt32(b)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int((acc >> UInt32(bits)) & 0x1F)])
            }
            acc &= (1 << UInt32(bits)) - 1
        }
        return out
    }

    /// The word of a rule's tag: what a phone's preview line should say at a glance.
    public static func word(for rule: RuleID, language: Config.Language) -> String {
        let (zh, en): (String, String)
        switch rule {
        case .contactQuarterly: (zh, en) = ("联络", "contact")
        case .reportPeriodic: (zh, en) = ("汇报", "report")
        case .duesMonthly: (zh, en) = ("党费", "dues")
        case .duesArrears: (zh, en) = ("欠费", "arrears")
        case .certificateCheck: (zh, en) = ("活动证", "certificate")
        case .placementChanged: (zh, en) = ("组织生活", "placement")
        case .relationTransfer: (zh, en) = ("转接", "transfer")
        case .incomingRegister: (zh, en) = ("编入", "register")
        case .activityDay: (zh, en) = ("活动日", "activity")
        case .surveyPeak: (zh, en) = ("统计", "survey")
        case .contactLost: (zh, en) = ("失联", "lost")
        case .membershipReview: (zh, en) = ("核查", "review")
        case .evaluationAnnual: (zh, en) = ("评议", "evaluation")
        case .digestMonthly: (zh, en) = ("摘要", "digest")
        case .departurePrepare: (zh, en) = ("外出", "departure")
        case .transferReceipt: (zh, en) = ("回执", "receipt")
        case .incomingFeedback: (zh, en) = ("反馈", "feedback")
        case .probationEnd: (zh, en) = ("转正", "probation")
        }
        return language == .zh ? zh : en
    }

    /// `[联络#TOKEN]` / `[contact#TOKEN]`.
    public static func tag(rule: RuleID, token: String, language: Config.Language) -> String {
        "[\(word(for: rule, language: language))#\(token)]"
    }

    /// The token of the last tag in a subject, in any tag form (any word, either language,
    /// ASCII or full-width brackets and `#`), whatever prefixes (`Re:`, `回复:`, `答复:`,
    /// `转发:` …) a mail client added. The token is upper-cased so it can be looked up as stored;
    /// any ASCII letter or digit is accepted (tokens written by hand or by older versions, like
    /// the spec's example `K3F9Q2M7XA4PLD8W`, are found too — the store decides if it exists).
    public static func find(in subject: String) -> String? {
        let chars = Array(subject)
        var found: String? = nil
        var i = 0
        while i < chars.count {
            guard chars[i] == "#" || chars[i] == "＃" else { i += 1; continue }
            // A tag opens with a bracket at most 16 characters before the `#`.
            var j = i - 1
            var opened = false
            while j >= 0 && i - j <= 17 {
                if chars[j] == "[" || chars[j] == "【" { opened = true; break }
                if chars[j] == "]" || chars[j] == "】" || chars[j] == "#" { break }
                j -= 1
            }
            let end = i + 1 + tokenLength
            if opened, end < chars.count, chars[end] == "]" || chars[end] == "】",
               let t = normalise(chars[(i + 1)..<end]) {
                found = t
            }
            i += 1
        }
        return found
    }

    /// The upper-cased token, or nil if these are not 16 ASCII letters and digits.
    static func normalise(_ s: ArraySlice<Character>) -> String? {
        guard s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        return String(s).uppercased()
    }
}
