import LiaisonApp

CLI.main(Array(CommandLine.arguments.dropFirst()))
