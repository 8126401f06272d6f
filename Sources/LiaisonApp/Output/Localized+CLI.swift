import LiaisonCore

extension Localized {
    /// The language of what the command line says before its config is loaded (usage errors,
    /// an unreadable config): `CLI.run` sets it from `$LIAISOND_LANG` or the config's
    /// `[branch] language` (see `CLI.language(configPath:)`), Chinese otherwise, and again
    /// once the config is loaded. One process runs one command, so one value serves.
    nonisolated(unsafe) static var cli = Localized(language: .zh)
}
