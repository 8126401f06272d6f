/// The words mail clients put around quoted history, as the clients write them in Chinese and
/// the common Western languages. `ReplyReader` uses them to tell the sender's own words from
/// what the client added; they are data, kept apart so that a new client is one line here.
enum ReplyMarkers {
    /// How an attribution line ends (lower-cased, after trimming): "On … wrote:",
    /// "在 … 写道：", "… 于2026年12月17日周四 09:00写道：", "Am … schrieb …:", "Le … a écrit :",
    /// "El … escribió:", "Il … ha scritto:", "Em … escreveu:", "Op … schreef …:",
    /// "Den … skrev …:", "W dniu … napisał(a):", "… пишет:", "… написал(а):".
    static let attributionEndings = [
        "wrote:", "写道:", "写道：", "寫道:", "寫道：", "a écrit :", "a écrit:", "a ecrit :", "escribió:", "escribio:",
        "ha scritto:", "escreveu:", "skrev:", "skrev følgende:", "napisał:", "napisała:", "napisał(a):", "пишет:",
        "написал:", "написала:", "написал(а):", "schrieb:",
    ]
    /// Attribution lines that end with the writer rather than the verb: "Am 17.12.2026 um 09:00
    /// schrieb X <a@b>:", "Op 17 dec. 2026 om 09:00 schreef X <a@b>:", "Den 17 dec. 2026 kl. 09:00
    /// skrev X <a@b>:" — a verb word inside, a colon at the end.
    static let attributionVerbs = [" schrieb ", " schreef ", " skrev ", " napisał", " написал", " escribió ",
                                   " a écrit ", " ha scritto ", " escreveu ", " wrote "]

    /// Lines that start the original message of a reply (dashes and spaces aside, lower-cased).
    static let originalSeparators = [
        "原始邮件", "原始郵件", "original message", "original", "邮件原件", "回复的原邮件", "ursprüngliche nachricht",
        "message d'origine", "message d’origine", "mensaje original", "messaggio originale", "mensagem original",
        "oorspronkelijk bericht", "ursprungligt meddelande", "opprinnelig melding", "oprindelig meddelelse",
        "wiadomość oryginalna", "oryginalna wiadomość", "исходное сообщение", "原始信件",
    ]

    /// Banners of a forwarded message: what follows its header block is kept (a liaison
    /// forwarding the member's report).
    static let forwardBanners = [
        "转发的邮件", "转发邮件", "转发邮件信息", "轉寄郵件", "forwarded message", "forwarded", "begin forwarded message",
        "开始转发的邮件", "weitergeleitete nachricht", "message transféré", "mensaje reenviado",
        "messaggio inoltrato", "mensagem encaminhada", "doorgestuurd bericht", "vidarebefordrat meddelande",
        "videresendt melding", "wiadomość przekazana", "пересылаемое сообщение", "переслано",
    ]

    /// Field names of a quoted header block (Outlook, Foxmail, 163, QQ, Apple Mail forwards),
    /// lower-cased: "from" names the sender, "when" the date, "other" the rest.
    static let fromFields = ["发件人", "寄件者", "寄件人", "from", "von", "de", "da", "van", "från", "fra", "od", "от"]
    static let whenFields = ["发送时间", "发送日期", "时间", "日期", "enviado el", "寄件日期", "sent", "date", "gesendet", "datum", "envoyé", "date",
                             "enviado", "enviada", "fecha", "inviato", "data", "verzonden", "skickat", "sendt",
                             "wysłano", "data wysłania", "отправлено", "дата"]
    static let otherFields = ["收件人", "抄送", "主题", "收件者", "主旨", "副本", "to", "cc", "subject", "an", "betreff",
                              "à", "objet", "para", "asunto", "a", "oggetto", "assunto", "aan", "onderwerp", "till",
                              "ämne", "kopia", "til", "emne", "do", "temat", "кому", "тема", "копия", "reply-to"]

    /// Phone and webmail signatures: a line that is exactly one of these, or one of these and a
    /// short device name (`发自我的华为 Mate 60`), without sentence punctuation.
    static let signaturePrefixes = [
        "发自我的", "发自 ", "发自网易邮箱", "来自我的", "来自网易邮箱", "来自微信", "发自 windows", "sent from ",
        "get outlook for", "获取 outlook for", "von meinem", "gesendet von", "envoyé de mon", "envoyé depuis",
        "enviado desde mi", "enviado desde", "inviato da", "enviado do meu", "enviado de meu", "verzonden vanaf",
        "verstuurd vanaf", "skickat från", "sendt fra", "wysłane z", "отправлено с", "отправлено из",
        "发自 outlook", "从我的", "從我的",
    ]
    /// A signature names the device or the mail program; prose that merely starts like one
    /// ("发自我的内心……") does not.
    static let deviceWords = [
        "iphone", "ipad", "android", "手机", "华为", "huawei", "小米", "xiaomi", "redmi", "oppo", "vivo", "荣耀", "honor",
        "三星", "samsung", "galaxy", "mate", "pixel", "oneplus", "一加", "魅族", "苹果", "平板", "邮箱", "mail", "outlook",
        "微信", "wechat", "foxmail", "phone", "telefon", "téléphone", "teléfono", "smartphone", "blackberry", "yahoo",
        "windows", "mac", "watch", "设备", "device",
    ]
    /// Longest signature line, in characters.
    static let signatureMaxLength = 40
    /// Punctuation that marks a sentence: a line with it after the signature words is prose.
    static let sentencePunctuation: Set<Character> = ["，", "。", ",", "；", ";", "！", "!", "？", "?", "：", ":"]
}
