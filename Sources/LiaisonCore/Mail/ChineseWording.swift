/// 中文措辞(默认)。用语依据《社区流动党员管理制度》:礼貌、简短,说清欠什么、何时前、
/// 怎么做、怎么回复、找谁。The texts themselves are in the `Wording+…` extensions, each
/// sentence beside its English.
struct ChineseWording: Wording {
    var language: Config.Language { .zh }
}
