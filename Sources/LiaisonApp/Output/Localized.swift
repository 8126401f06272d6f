import LiaisonCore

/// Human output in the branch's language: Chinese first, English by config.
struct Localized {
    let language: Config.Language
    func callAsFunction(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
}
