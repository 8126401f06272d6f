/// English wording (`language = en`): the same content as `ChineseWording`, for branches whose
/// members read English. The texts are in the `Wording+…` extensions, each sentence beside its
/// Chinese.
struct EnglishWording: Wording {
    var language: Config.Language { .en }
}
