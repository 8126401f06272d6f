extension LogDetail {
    /// The case name and its values as a JSON object, byte for byte what the synthesized
    /// `Codable` gives through `JSONEncoder` (sorted keys, slashes as they are), which
    /// `init(code:arguments:)` reads back; nil for `legacy`. Written by hand because the encoder
    /// cost each process 0.7 ms on the first use of each case (`LogDetailTests` holds the two
    /// to the same bytes).
    var codeAndArguments: (code: String, arguments: String)? {
        var w = JSONObjectWriter()
        let code: String
        switch self {
        case .laterStepDue(let step): code = "laterStepDue"; w.add("step", step)
        case .noticeTooLate: code = "noticeTooLate"
        case .missedWhileStopped: code = "missedWhileStopped"
        case .memberGone(let member): code = "memberGone"; w.add("member", member)
        case .resolvedBeforeSending: code = "resolvedBeforeSending"
        case .noAddress: code = "noAddress"
        case .recipientRefused: code = "recipientRefused"
        case .gaveUp(let retryMaxAge): code = "gaveUp"; w.add("retryMaxAge", retryMaxAge)
        case .serverStopped(let failure): code = "serverStopped"; w.add("failure", failure.rawValue)
        case let .bundled(items, bundle, gaveUp):
            code = "bundled"; w.add("bundle", bundle); w.add("gaveUp", gaveUp); w.add("items", items)
        case .recorded(let record): code = "recorded"; w.add("record", object: record.json)
        case let .withdrawn(id, kind, date, note):
            code = "withdrawn"; w.add("date", date); w.add("id", id); w.add("kind", kind); w.add("note", note)
        case let .reply(from, text): code = "reply"; w.add("from", from); w.add("text", text)
        case let .notRecorded(from, text): code = "notRecorded"; w.add("from", from); w.add("text", text)
        case .noMemberLine(let from): code = "noMemberLine"; w.add("from", from)
        case .notThreadRecipient(let from): code = "notThreadRecipient"; w.add("from", from)
        case .notDailyRecipient(let from): code = "notDailyRecipient"; w.add("from", from)
        case .noThread(let from): code = "noThread"; w.add("from", from)
        case .duplicate(let messageID): code = "duplicate"; w.add("messageID", messageID)
        case let .automatic(sign, from): code = "automatic"; w.add("from", from); w.add("sign", object: sign.json)
        case .notAMessage(let bytes): code = "notAMessage"; w.add("bytes", bytes)
        case let .tooLarge(bytes, from): code = "tooLarge"; w.add("bytes", bytes); w.add("from", from)
        case .reportNotOurs(let from): code = "reportNotOurs"; w.add("from", from)
        case .reportNotBelieved(let from): code = "reportNotBelieved"; w.add("from", from)
        case let .reportNamesStranger(from, address, key):
            code = "reportNamesStranger"; w.add("address", address); w.add("from", from); w.add("key", key)
        case let .reportWithoutFailure(actions, from): code = "reportWithoutFailure"; w.add("actions", actions); w.add("from", from)
        case let .bounced(from, status): code = "bounced"; w.add("from", from); w.add("status", status)
        case .legacy: return nil
        }
        return (code, w.rendered)
    }
}

extension LogDetail.RecordLine {
    /// As the synthesized encoding writes it (keys sorted, nil left out).
    var json: String {
        var w = JSONObjectWriter()
        w.add("date", date)
        w.add("id", id)
        w.add("kind", kind)
        w.add("method", method)
        w.add("note", note)
        w.add("period", period)
        w.add("source", source)
        w.add("through", through)
        return w.rendered
    }
}

extension AutomaticSign {
    /// As the synthesized encoding writes it: `{"case":{values}}`.
    var json: String {
        var w = JSONObjectWriter()
        let name: String
        switch self {
        case .autoSubmitted(let value): name = "autoSubmitted"; w.add("value", value)
        case .bulk(let precedence): name = "bulk"; w.add("precedence", precedence)
        case .autoReplyPrecedence(let value): name = "autoReplyPrecedence"; w.add("value", value)
        case .autoReplyField(let fieldName): name = "autoReplyField"; w.add("name", fieldName)
        case .mailingList: name = "mailingList"
        case .systemSender(let address): name = "systemSender"; w.add("address", address)
        case .emptyReturnPath: name = "emptyReturnPath"
        case .subject(let text): name = "subject"; w.add("text", text)
        case .body(let phrase): name = "body"; w.add("phrase", phrase)
        }
        return JSONObjectWriter.tagged(name, w.rendered)
    }
}
