/// The words of one language. `MessageComposer` gathers the facts; a wording only chooses how
/// to say them. Implementations: `ChineseWording` (default), `EnglishWording`.
///
/// Why one set of extensions for both languages: what a message says, in what order, and how
/// to reply is the same whatever the language, so each text is assembled once (in the
/// `Wording+…` files) and only its sentences come in two languages, side by side (`say`).
/// A new rule adds one case with its sentences, not a second copy of the assembly.
protocol Wording: Sendable {
    var language: Config.Language { get }
}

extension Wording {
    /// The text in this wording's language; only that one is built.
    func say<T>(_ zh: @autoclosure () -> T, _ en: @autoclosure () -> T) -> T {
        switch language {
        case .zh: return zh()
        case .en: return en()
        }
    }

    /// A letter: the greeting, the paragraphs and the branch's name, a blank line between each.
    func letter(to name: String, _ paragraphs: [String], from branch: String) -> String {
        ([greeting(name)] + paragraphs + [branch]).joined(separator: "\n\n") + "\n"
    }

    func greeting(_ name: String) -> String {
        say(name.isEmpty ? "您好！" : "\(name)同志：\n\n您好！", name.isEmpty ? "Hello," : "Dear \(name),")
    }

    /// `支部书记李明` / `the branch secretary, 李明`; the office alone when the name is unknown.
    func secretaryTitle(_ s: Mailbox) -> String {
        say(s.name.isEmpty ? "支部书记" : "支部书记\(s.name)",
            s.name.isEmpty ? "the branch secretary" : "the branch secretary, \(s.name)")
    }

    func askLine(_ s: Mailbox) -> String {
        say("如有疑问，请联系\(secretaryTitle(s))(\(s.address))。",
            "If you have questions, please ask \(secretaryTitle(s)) (\(s.address)).")
    }
}

/// A reminder before assembly: the subject without its tag, the paragraphs saying what is owed
/// and what to do, the lines saying how to reply, and whether to add "ask the secretary" (not
/// when the secretary is the one reminded).
struct Draft {
    var subject: String
    var paragraphs: [String]
    var reply: [String]
    var askSecretary: Bool = true
}
