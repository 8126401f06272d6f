import Foundation
import LiaisonStore
import XCTest

/// A throwaway branch for end-to-end tests: a folder with a config, a roster and a store,
/// driven through the real `liaisond` binary.
final class TestBranch {
    let directory: URL
    var configPath: String { directory.appendingPathComponent("liaisond.conf").path }
    var storePath: String { directory.appendingPathComponent("liaisond.sqlite").path }

    /// One outgoing member (P01, liaison L01, grid G1 led by W1) unless told otherwise; their Q4
    /// report is in, so around the end of 2026 only `contact.quarterly` concerns them.
    static let defaultPeople = """
        id,name,email,role,grid
        W1,卢立新,wgz1@example.org,grid-leader,G1
        L01,魏诗琪,l01@example.org,liaison,G1
        """
    static let defaultMembers = """
        id,name,kind,email,phone,since,liaison,grid,last_contact,last_report
        P01,张伟,outgoing,m01@example.org,13900000001,2026-05-10,L01,G1,2026-07-15,2026-10-20
        """

    init(smtpURL: String, members: String = TestBranch.defaultMembers, people: String = TestBranch.defaultPeople,
         extraConfig: String = "", smtpExtra: String = "") throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("liaisond-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write("members.csv", members + "\n")
        try write("people.csv", people + "\n")
        try writeConfig(smtpURL: smtpURL, extraConfig: extraConfig, smtpExtra: smtpExtra)
    }

    func writeConfig(smtpURL: String, extraConfig: String = "", smtpExtra: String = "") throws {
        try write("liaisond.conf", """
            [branch]
            name = 广场西社区党支部
            secretary = 王芳 <secretary@example.org>
            timezone = Asia/Shanghai

            [roster]
            members = members.csv
            people = people.csv

            [smtp]
            url = \(smtpURL)
            from = 广场西社区党支部 <branch@example.org>
            tls = none
            \(smtpExtra)

            \(extraConfig)
            """)
    }

    func write(_ name: String, _ text: String) throws {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        chmod(url.path, 0o600)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `liaisond SUBCOMMAND --config … ARGS`.
    @discardableResult
    func run(_ subcommand: String, _ args: String..., stdin: Data? = nil) throws -> Result {
        // `record` never creates a store (issue 12); a test branch has one from the start, as
        // an installed branch has once the service ran.
        if subcommand == "record", !FileManager.default.fileExists(atPath: storePath) {
            _ = try Store(path: storePath)
            chmod(storePath, 0o660)
        }
        return try Liaisond.run([subcommand, "--config", configPath] + args, stdin: stdin)
    }

    /// `log --json` parsed.
    func log(_ args: String...) throws -> [[String: Any]] {
        let r = try Liaisond.run(["log", "--config", configPath, "--json"] + args)
        return r.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// `due --json` parsed.
    func due(at: String) throws -> [[String: Any]] {
        let r = try Liaisond.run(["due", "--config", configPath, "--json", "--at", at])
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}

/// The real binary, built next to the test bundle.
enum Liaisond {
    static var path: String {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [bundleDir, bundleDir.deletingLastPathComponent()] {
            let p = dir.appendingPathComponent("liaisond").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        // `swift test` from the package root.
        return FileManager.default.currentDirectoryPath + "/.build/debug/liaisond"
    }

    /// - Parameter executable: another program to start instead (e.g. `setpriv` running liaisond).
    static func run(_ args: [String], stdin: Data? = nil, environment: [String: String]? = nil,
                    executable: String? = nil) throws -> TestBranch.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable ?? path)
        p.arguments = args
        if let environment { p.environment = environment }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let input = Pipe()
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot block the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        let errHandle = err.fileHandleForReading
        group.enter()
        DispatchQueue.global().async {
            errBox.data = errHandle.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        p.waitUntilExit()
        return TestBranch.Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                 stderr: String(decoding: errData, as: UTF8.self))
    }
}
