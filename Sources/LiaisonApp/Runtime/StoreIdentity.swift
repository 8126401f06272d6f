import Foundation
import LiaisonStore
#if canImport(Glibc)
import Glibc
#endif

/// Which store liaisond is using, and whether it is still that one.
///
/// The store writes its own id (`meta.store_id`) when it is created; a sidecar file beside it
/// (`liaisond.sqlite-identity`) keeps that id and the first tick. So a store that is missing,
/// empty or another one where a store existed is an error (exit 73), never a fresh start: a
/// fresh store would send again everything due within `catch_up`, and the history is gone.
/// To start afresh on purpose, remove `liaisond.sqlite*` (the store and its sidecars) together.
///
/// The daemon also keeps the file's device and inode (and its WAL's) from when it opened it
/// (`Watch`): a store replaced, truncated or robbed of its WAL under it stops the daemon before
/// it sends anything more (the marks it would write would be lost, and every lost mark is a
/// duplicate later).
enum StoreIdentity {
    struct Sidecar: Equatable {
        var storeID: String
        var firstTick: Date?
    }

    static func sidecarPath(_ storePath: String) -> String { storePath + "-identity" }

    static func readSidecar(_ storePath: String) -> Sidecar? {
        guard let bytes = try? Platform.readFile(sidecarPath(storePath)), bytes.count < 64 * 1024 else { return nil }
        var fields: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            fields[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        guard let id = fields["store_id"], !id.isEmpty else { return nil }
        return Sidecar(storeID: id, firstTick: fields["first_tick"].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)))
    }

    static func writeSidecar(_ s: Sidecar, storePath: String) {
        var text = "# liaisond: the identity of the store beside this file. Remove both to start afresh.\n"
        text += "store_id=\(s.storeID)\n"
        if let t = s.firstTick { text += "first_tick=\(t.timeIntervalSince1970)\n" }
        let path = sidecarPath(storePath)
        if (try? Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)) != nil {
            Platform.chmod(path, 0o660)
        }
    }

    private static func described(_ s: Sidecar, _ storePath: String) -> String {
        var d = "store \(s.storeID)"
        if let t = s.firstTick { d += ", first tick \(ISOTime.format(t, TimeZone.current))" }
        return "\(sidecarPath(storePath)) says one was here (\(d))"
    }

    private static let afresh = "restore it from a backup; to start afresh on purpose (everything due within catch_up "
        + "is sent again, the history is gone) remove the store's files liaisond.sqlite* together"

    /// Before the store is opened (and so perhaps created): a store that is missing or empty
    /// where the sidecar says one existed is an error.
    static func checkBeforeOpen(storePath: String) throws {
        guard let sidecar = readSidecar(storePath) else { return }
        var st = stat()
        if stat(storePath, &st) != 0 {
            throw AppError.store(path: storePath, reason: "the store is missing, but \(described(sidecar, storePath)): \(afresh)")
        }
        if st.st_size == 0 {
            throw AppError.store(path: storePath, reason: "the store is empty (0 bytes), but \(described(sidecar, storePath)): \(afresh)")
        }
    }

    /// After a writer opened the store: it must be the one the sidecar names; the sidecar is
    /// written (or brought up to date with the first tick) when it is not there yet.
    static func adopt(_ store: Store, storePath: String) throws {
        guard let id = try store.identity() else { return }
        let firstTick = try store.firstTick()
        if let sidecar = readSidecar(storePath) {
            guard sidecar.storeID == id else {
                throw AppError.store(path: storePath, reason: "this is not the store liaisond used here (its id is \(id), "
                                     + "but \(described(sidecar, storePath))): \(afresh)")
            }
            if sidecar.firstTick == nil, let firstTick {
                writeSidecar(Sidecar(storeID: id, firstTick: firstTick), storePath: storePath)
            }
        } else {
            writeSidecar(Sidecar(storeID: id, firstTick: firstTick), storePath: storePath)
        }
    }

    /// The files the daemon opened, as it opened them.
    final class Watch {
        let path: String
        private let device: UInt64
        private let inode: UInt64
        private var walInode: UInt64?

        init?(path: String) {
            var st = stat()
            guard stat(path, &st) == 0 else { return nil }
            self.path = path
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
            walInode = Watch.inode(of: path + "-wal")
        }

        private static func inode(of path: String) -> UInt64? {
            var st = stat()
            return stat(path, &st) == 0 ? UInt64(st.st_ino) : nil
        }

        /// What happened to the store under liaisond, or nil when it is still the file it opened.
        func problem() -> String? {
            var st = stat()
            guard stat(path, &st) == 0 else { return "the store \(path) was removed while liaisond had it open" }
            if UInt64(st.st_dev) != device || UInt64(st.st_ino) != inode {
                return "the store \(path) was replaced by another file while liaisond had it open"
            }
            if st.st_size == 0 { return "the store \(path) was truncated to 0 bytes while liaisond had it open" }
            if let pages = Watch.headerBytes(path), st.st_size < pages {
                return "the store \(path) was truncated (\(st.st_size) bytes, its header says \(pages)) while liaisond had it open"
            }
            let wal = Watch.inode(of: path + "-wal")
            if let known = walInode {
                guard let now = wal else { return "the store's WAL \(path)-wal was removed while liaisond had it open" }
                if now != known { return "the store's WAL \(path)-wal was replaced while liaisond had it open" }
            } else {
                walInode = wal
            }
            return nil
        }

        /// Page size × page count from the file's 100-byte header, when it is a database header.
        private static func headerBytes(_ path: String) -> Int? {
            guard let fh = FileHandle(forReadingAtPath: path) else { return nil }
            defer { try? fh.close() }
            guard let d = try? fh.read(upToCount: 100), d.count == 100 else { return nil }
            let b = [UInt8](d)
            guard b.starts(with: Array("SQLite format 3\u{0}".utf8)) else { return nil }
            var pageSize = Int(b[16]) << 8 | Int(b[17])
            if pageSize == 1 { pageSize = 65536 }
            let pages = Int(b[28]) << 24 | Int(b[29]) << 16 | Int(b[30]) << 8 | Int(b[31])
            // The count is valid only when the change counter matches "version-valid-for".
            guard b[24..<28] == b[92..<96], pages > 0 else { return nil }
            return pageSize * pages
        }
    }
}
