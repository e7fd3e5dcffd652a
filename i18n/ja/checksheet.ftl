# checksheet の日本語メッセージ (Fluent, https://projectfluent.org)。
# ここにあるメッセージはすべて i18n/en/checksheet.ftl にも同じ変数で必要です
# (`cargo test --lib i18n` が確かめます)。ID・パス・回答・YAML のキー・`implemented` などの
# 値といった利用者のデータは変数で渡され、そのまま表示されます。

## 共通の部品

list-separator = 、
list = { $items }
level-error = エラー
level-warning = 警告
level-note = 注記
level-help = ヒント
github-help = ヒント: { $help }
error-line = エラー: { $message }
help-did-you-mean = `{ $suggestion }` のことですか?
help-did-you-mean-folded = `{ $suggestion }` のことですか? `{ $given }` に全角・互換文字または見えない文字があります: { $chars }。半角で入力してください
char-invisible = 見えない文字 U+{ $code }
char-read-as = `{ $char }` (U+{ $code }、`{ $read_as }` として読みます)

## 実行の終わり

summary-errors = エラー { $errors } 件
summary-warnings = 警告 { $warnings } 件
summary-errors-warnings = エラー { $errors } 件、警告 { $warnings } 件

## 各コードの意味 (`Code::description`)

code-CS0001 = ファイルまたはフォルダーを読めない
code-CS0002 = ファイルが正しい UTF-8 ではない
code-CS0003 = YAML ファイルに内容がない
code-CS0004 = プロジェクトが指定または保持するパスが、プロジェクトのフォルダーと git リポジトリの外、または `.git` フォルダーの中を指している
code-CS0005 = プロジェクトが指定または保持するパスが、名前付きパイプ・デバイス・ソケットなどの特殊ファイルである
code-CS0006 = プロジェクトのフォルダー内のファイルまたはフォルダーが読まれない
code-CS0101 = ファイルが正しい YAML ではない
code-CS0102 = YAML のマッピングに同じキーが 2 回ある
code-CS0103 = ファイルが安全のための上限 (サイズ・入れ子・エイリアス) を超えている
code-CS0104 = 空白・コロン・ハイフンの代わりに紛らわしい文字や見えない文字 (全角スペース、ノーブレークスペース、全角コロンなど) があり、ファイルが正しい YAML ではない
code-CS0201 = フィールド名がファイル形式にない
code-CS0202 = 必須のフィールドがない
code-CS0203 = 値の YAML の型が違う
code-CS0204 = 値が許される値・形式のどれでもない
code-CS0205 = 日付が YYYY-MM-DD 形式の実在する日付ではない
code-CS0206 = リンクが http(s) の絶対 URL ではない
code-CS0207 = ID が空か、ID に使えない文字を含む
code-CS0301 = 管理策 ID がカタログに 2 回ある
code-CS0302 = グループ ID がカタログに 2 回ある
code-CS0303 = 2 つのカタログの ID が同じ
code-CS0304 = 管理策にタイトルも本文もない
code-CS0305 = カタログの 2 つの管理策がブックの同じ行を記録している
code-CS0401 = 回答ファイルまたは出力が存在しないカタログを指定している
code-CS0402 = 回答がカタログにない管理策を指定している
code-CS0403 = 管理策に 2 回回答している
code-CS0404 = 回答に本文がない
code-CS0405 = 出力のカタログの管理策に回答がない
code-CS0406 = 出力のカタログの基本の管理策に回答がない
code-CS0407 = 回答の最終レビューがプロジェクトのポリシーで許す期間より前
code-CS0408 = 回答に `reviewed` (レビュー日) がなく、プロジェクトのポリシーが求めている
code-CS0409 = マッピングが存在しないカタログまたは管理策を指定している
code-CS0410 = 回答が別カタログの対応する管理策から導出されている
code-CS0411 = 対応する管理策同士で 1 つの管理策への回答が食い違う
code-CS0412 = 回答、または管理策のタイトルや本文に、読み手から見えない制御文字・ゼロ幅文字・双方向文字がある
code-CS0501 = 出力が存在しないレイアウトを指定している
code-CS0502 = 出力のカタログがレイアウトに合わない
code-CS0503 = レイアウトの定義またはテンプレートが正しくない
code-CS0504 = 2 つの出力が同じファイルを書き出す
code-CS0601 = テキストが xlsx のセルに入る長さ (32,767 文字) を超えている
code-CS0602 = 出力を生成できない
code-CS0603 = 出力ファイルを書き込めない
code-CS0701 = 回答ファイルを失うものなく正規の形にできない
code-CS0801 = ブックに想定したレイアウトまたは列の表が見つからない
code-CS0802 = 質問票の表の ID・質問・回答の列を決められない
code-CS0803 = ブックの行に、どの管理策にも属さない回答がある
code-CS0804 = ブックに同じ管理策または ID が 2 回ある
code-CS0805 = ブックの状況のセルに既知の状況がない
code-CS0806 = ブックの ID のセルが正しい ID ではない
code-CS0807 = ブックのセルがどの項目・列にも属さず、取り込まれなかった
code-CS0808 = テキストのはずのブックのセルが数値または日付で、表記が失われるおそれがある
code-CS0809 = ブックの非表示の行・列・シート (import が読んだもの、fill が記入したもの)
code-CS0810 = ブックの結合セルの値を複数の行に割り当てた
code-CS0811 = ブックから読んだ ID を一意にするため接頭辞を付けた
code-CS0812 = 取り込んだ回答またはカタログを失うものなく書き出せない
code-CS0813 = 取り込むべき質問票の表がブックのどれか明らかでない (候補を示します)
code-CS0814 = ブックの数式セルが値なしで保存されていて、テキストが分からない
code-CS0815 = 取り込んだシートの質問の表が、取り込んだ表と形が違うため除かれた
code-CS0901 = カタログの質問が記入するブックにない
code-CS0902 = 質問がカタログの記録と違うブックの行にある
code-CS0903 = 回答の状況がセルのドロップダウンの選択肢にもラベル対応表にも合わない
code-CS0904 = 回答セルが保護されたシートでロックされているか、別の質問のセルと結合されている
code-CS0905 = 回答セルに数式があり、fill はそれを置き換えない
code-CS0906 = 回答のテキストを入れるセルがない
code-CS0907 = ブックがプロジェクトにない回答者情報のフィールドを求めている
code-CS0908 = 2 つの回答がブックの 1 つのセルに書き込まれる
code-CS0909 = 質問に選択肢のセルがあるが、回答に状況がない
code-CS0910 = ブックの表にカタログにない質問がある
code-CS0911 = 英語の質問票に日本語の回答を書き込む
code-CS0912 = ブックの回答セルに既に別のテキストがあり、置き換えを指示しない限り fill はそれを残す

## Cross-file checks (validate.rs)

duplicate-output = 2 つの出力が `{ $stem }.*` を書き出します
label-second-output = 2 つ目の出力
label-first-output = 1 つ目の出力
duplicate-output-help = どちらかに別の `name:` を付けてください
unknown-catalog = 不明なカタログ `{ $catalog }` です
label-no-catalog-with-id = この ID のカタログなし
unknown-catalog-answers-help = 既知のカタログ: { $catalogs }。プロジェクトのカタログ (`import --write-catalog` が書き出したものなど) は、checksheet.yaml の `catalogs:` に挙げたフォルダーに置く必要があります (例: `catalogs: [controls]`)
unknown-control = カタログ { $catalog } に管理策 ID `{ $control }` はありません
label-not-a-control-of-catalog = このカタログの管理策ではない
help-see-list-controls = `checksheet list controls { $catalog }` で確認してください
duplicate-answer = 管理策 `{ $control }` に 2 回回答しています
label-second-answer = 2 つ目の回答
label-first-answered-here = 最初の回答
duplicate-answer-help = 回答は管理策ごとに 1 つにし、2 つのテキストを 1 つにまとめてください
unknown-layout = 不明なレイアウト `{ $layout }` です
label-not-a-layout = レイアウトではない
help-known-layouts = 既知のレイアウト: { $layouts }
help-known-catalogs = 既知のカタログ: { $catalogs }
layout-for-other-catalog = レイアウト `{ $layout }` はカタログ `{ $bound }` 用で、`{ $asked }` 用ではありません
label-this-output = この出力
layout-for-other-catalog-help = `catalog:` を削除するか、`{ $asked }` には汎用レイアウト `default` を使ってください
output-needs-catalog = レイアウト `{ $layout }` の出力には `catalog` が必要です
output-needs-catalog-help = `catalog: <id>` を追加してください。既知のカタログ: { $catalogs }
layout-unknown-group = レイアウト `{ $layout }` はグループ `{ $group }` をシートに置きますが、カタログ `{ $catalog }` にそのような最上位グループはありません
label-unknown-group = 不明なグループ
help-top-level-groups = 最上位グループ: { $groups }
unanswered-basic = カタログ { $catalog } の基本の管理策 { $count } 件に回答がありません: { $shown }{ $more ->
        [0] {""}
       *[other] {" "}ほか { $more } 件
    }
unanswered = カタログ { $catalog } の管理策 { $count } 件に回答がありません: { $shown }{ $more ->
        [0] {""}
       *[other] {" "}ほか { $more } 件
    }
unanswered-help = `catalog: { $catalog }` のファイルで回答してください (`checksheet list coverage` を参照)。それまでは回答セルは空になるか、レイアウトの `unanswered` のテキストが表示されます
label-output-of-catalog = このカタログの出力
stale-review = 管理策 `{ $control }` の最終レビューは { $reviewed } で、as_of { $as_of } の { $age } 日前です
label-reviewed-more-than = { $days } 日より前にレビュー
stale-review-help = 回答をレビューして `reviewed:` を更新してください (policy.review_within_days)
missing-review = 管理策 `{ $control }` に `reviewed` (レビュー日) がありません
label-no-review-date = レビュー日なし
missing-review-help = 回答をレビューしたら `reviewed: YYYY-MM-DD` を追加してください (policy.missing_review)

## Characters (chars.rs)

char-look-alike = { $japanese } ({ $code }、{ $english })
char-control = { $code } { $name } (`{ $escape }`)
char-escaped = { $code } (`{ $escape }`)
char-plain = `{ $char }` ({ $code })

## YAML files (yaml.rs)

yaml-file-too-large = ファイルが { $bytes } バイトで、上限の { $limit } バイトを超えています
label-file-too-large = 大きすぎるファイル
yaml-file-too-large-help = 回答を複数のファイルに分けてください (例: 章ごとに 1 ファイル)
yaml-file-empty = ファイルが空です
label-no-yaml-content = YAML の内容なし
yaml-empty-help = ファイルの内容を書くか、ファイルを削除してください
yaml-document-null = ファイルに内容がありません (文書が null です)
label-empty-document = 空の文書
yaml-two-documents = ファイルに YAML 文書が 2 つ以上あります
label-second-document = ここから 2 つ目の文書
yaml-two-documents-help = checksheet のファイルには YAML 文書を 1 つだけ書きます。区切りの `---` を削除するか、ファイルを分けてください
yaml-limit = ファイルが上限 ({ $what }) を超えています
label-limit-reached = ここで上限に到達
yaml-limit-help = checksheet はこれほど大きい・深いファイルを受け付けません。内容を素直に書き下してください
limit-events = YAML イベント { $limit } 個超
limit-nodes = YAML ノード { $limit } 個超
limit-depth = 入れ子 { $limit } 段超
limit-aliases = エイリアス { $limit } 個超
limit-replayed = エイリアス展開でのコピー { $limit } ノード超
yaml-complex-key = マッピングのキーがリストまたはマッピングです
label-key-not-text = このキーはテキストではない
yaml-complex-key-help = checksheet のキーは管理策 ID やフィールド名のようなテキストです
yaml-unknown-anchor = 不明なアンカーへのエイリアスです
label-no-anchor-before = この名前のアンカーがここより前になし
yaml-merge-not-mapping = マージキー `<<` の値はマッピングかマッピングのリストでなければなりません
label-not-a-mapping = マッピングではない
yaml-merge-not-mapping-help = マッピングに付けたアンカーを `<<: *anchor` と書いてください
yaml-duplicate-key = キー `{ $key }` が重複しています
label-key-appears-earlier = 同じマッピングの前の方にもあるキー
label-first-written-here = 最初はここ
yaml-duplicate-key-help = キーは 1 つのマッピングに 1 回だけ書けます。2 つの項目をまとめるか、一方の名前を変えてください
look-alike-expects-space = を YAML が空白を求める位置に
look-alike-expects-colon = を YAML がキーの `:` を求める位置に
look-alike-expects-hyphen = を YAML がリスト項目の `-` を求める位置に
look-alike-expects-hash = を YAML がコメントの `#` を求める位置に
look-alike-expects-tilde = を YAML が `~` を求める位置に
look-alike-expects-invisible = (見えず、YAML が空白として読まない文字) を
look-alike-delete-help = 見えない{ $japanese } ({ $english }、U+{ $code }) を削除してください。幅がないので、前後のテキストを選択して打ち直してください
look-alike-type-help = { $japanese } ({ $english }、U+{ $code }) の代わりに半角の `{ $typed }` を入力してください{ $colon ->
        [yes] {" "}(後ろに空白を 1 つ)
       *[no] {""}
    }
look-alike = YAML が正しくありません: { $line } 行目に { $char } { $expected }含んでいます (パーサーのメッセージ: { $parser_said })
label-look-alike = { $japanese } (U+{ $code }) / { $english }
yaml-invalid = YAML が正しくありません: { $parser_said }
label-tab-here = ここにタブ
yaml-tab-help = YAML の字下げは空白で行います。タブ文字を空白に置き換えてください
label-here = ここ
yaml-unknown-anchor-help = アンカー (`&name`) は、それを使うエイリアス (`*name`) より前に定義してください
yaml-syntax-help = この行とその上の行の引用符・括弧・字下げを確かめてください。`: ` や ` #` を含むテキストは引用符で囲む必要があります

## Fields of every file format (load/fields.rs)

unknown-field = { $what }に不明なフィールド `{ $field }` があります
label-not-a-field = この形式のフィールドではない
help-did-you-mean-fields = { $suggestion }{ $folded ->
        [yes] 。
       *[no] {" "}
    }使えるフィールド: { $fields }
help-allowed-fields = 使えるフィールド: { $fields }
missing-field = { $what }にフィールド `{ $field }` がありません
label-starts-here = { $what }の始まり
missing-field-help = `{ $field }:` を追加してください
field-empty = { $what }の `{ $field }` が空です
label-empty = 空
field-empty-help = `{ $field }` に値を書いてください
what-key-in = { $what }の `{ $key }`{" "}
what-key = `{ $key }`{" "}
wrong-type = { $what }は{ $expected }でなければなりませんが、{ $found }です
yaml-kind = { $kind ->
        [text] テキスト
        [list] リスト
        [mapping] マッピング
        [number] 数値または真偽値
       *[null] 値なし (null)
    }
label-expected = { $expected }が必要
wrong-type-list-help = 1 項目でもリストで書いてください。キーの下に字下げして項目ごとに `- item` の行を書くか、1 行で `[first, second]` と書きます
wrong-type-mapping-help = その下に字下げして `key: value` の行を書いてください
wrong-type-number-help = 数値は引用符なしで数字で書いてください (例: `3`)
wrong-type-text-help = キーの後にテキストを書いてください。`[`、`{"{"}`、`-`、`&`、`*` で始まるときは引用符で囲むか (`"[…]"`)、リストの項目を 1 つのテキストにまとめてください
wrong-type-help = ここには{ $expected }を書いてください。`checksheet schema` で各ファイル形式を確認できます
invalid-id = { $what } ID `{ $id }` が正しくありません
label-invalid-id = ID は空でなく、前後の空白・改行・見えない文字を含まないもの
invalid-id-help = ID はガイドラインの表記どおりに書いてください (例: `II.1.1.1`、`1-1`)
invalid-date = `{ $text }` は { $what }の日付として正しくありません
label-expected-date = YYYY-MM-DD 形式の実在する日付が必要
invalid-date-help = 例: 2026-11-01
invalid-url = `{ $text }` は http(s) の絶対 URL ではありません
label-not-a-link = 顧客が開けるリンクではない
invalid-url-help = 完全なアドレスを書いてください (例: https://example.com/security)
url-bad-char = `{ $text }` にリンクに使えない { $char } があります
label-url-bad-char = リンクに使えない文字
url-bad-char-help = `{ $escaped }` とパーセントエンコードしてください (ブラウザーが開くアドレスは同じです)

## What a message is about: parts of the files (what-…), YAML shapes (expected-…), kinds of ID (noun-…)

expected-list = リスト
expected-list-of-controls = 管理策のリスト
expected-list-of-groups = グループのリスト
expected-list-of-ids = ID のリスト
expected-list-of-outputs = 出力のリスト
expected-list-of-pairs = ペアのリスト
expected-list-of-tables = 表のリスト
expected-list-of-word-lists = 語のリストのリスト
expected-list-of-words = 語のリスト
expected-mapping-of-control-id-to-answer = 管理策 ID から回答へのマッピング
expected-mapping-of-each-choice-to-status = 選択肢ごとに状況を対応させるマッピング
expected-mapping-of-scheme-to-list-of-ids = 体系から ID のリストへのマッピング
expected-whole-number = 整数
noun-control = 管理策
noun-group = グループ
what-answer = 回答
what-answer-file = 回答ファイル
what-answer-list = 回答のリスト
what-catalog-file = カタログファイル
what-catalog-header = `catalog` ヘッダー
what-column = 列
what-control = 管理策
what-group = グループ
what-group-row-style = グループ行のスタイル
what-layout-file = レイアウトファイル
what-layout-header = `layout` ヘッダー
what-mapping-file = マッピングファイル
what-mapping-header = `mapping` ヘッダー
what-mapping-pair = マッピングのペア
what-numbering = numbering
what-output = 出力
what-project-file = プロジェクトファイル
what-questionnaire-table = 質問票の表
what-refs = refs
what-sheet = シート
what-thesaurus-file = 類義語辞書ファイル
what-thesaurus-header = `thesaurus` ヘッダー
what-entry-of = `{ $key }` の項目
what-keywords-catalog = `keywords` の下のカタログ ID
what-keywords-control = `keywords` の下のコントロール ID
what-keywords-of = `{ $id }` のキーワード

## YAML shapes used by the loaders

expected-mapping = マッピング
expected-list-of-texts = テキストのリスト
expected-text = テキスト

## Answer files (load/answers.rs)

answers-mapping-help = `answers:` の後に、管理策ごとに `"<管理策 ID>": <回答>` の行を 1 行ずつ書いてください
empty-answer = 管理策 `{ $control }` の回答が空です
label-no-answer-given = 回答なし
empty-answer-help = 回答を書くか、回答できるまでその行を削除してください
unknown-status = 管理策 `{ $control }` の状況 `{ $status }` は不明な値です
label-not-a-status = 状況の値ではない
status-label-help = `{ $key }` ({ $label }) のことですか? 使える値: { $allowed }
status-did-you-mean-help = `{ $key }` のことですか? 使える値: { $allowed }
status-allowed-help = 使える値: { $allowed }
answer-without-content = 管理策 `{ $control }` に `answer` も `status` もありません
label-nothing-to-show = この管理策に表示するものなし
answer-without-content-help = 顧客が読むテキストを `answer:` として追加してください
empty-evidence = 管理策 `{ $control }` の `evidence` (証跡) の項目が空です
empty-evidence-help = 文書名 (例: `情報セキュリティ基本方針 第3版`) か URL を書くか、項目を削除してください
what-answer-to = `{ $control }` の回答
hidden-control = 管理策 `{ $control }` の { $field } に読み手から見えない文字が { $count } 種類あります: { $chars }
label-hidden-control = このテキストに { $char }
hidden-control-help = 削除してください (端末や Web ページからのコピーで入った可能性があります)。出力からは除かれ、`checksheet diff` では `\u{"{"}…{"}"}` と表示されます

## Catalog files (load/catalog.rs)

invalid-catalog-id = カタログ ID `{ $id }` が正しくありません
label-catalog-id-chars = カタログ ID に使えるのは ASCII の英字・数字・`.`・`_`・`-`
invalid-catalog-id-help = 例: `mic-cloud-v3`
unknown-language = 不明な言語 `{ $lang }` です
label-not-a-language = カタログの言語ではない
unknown-language-help = 言語: ja (日本語、既定)、en (英語)
catalog-without-controls = カタログには `groups` か `controls` が必要です
label-catalog-without-controls = カタログに管理策なし
catalog-without-controls-help = ガイドラインの章を `groups:` に、その管理策を `controls:` に書いてください
duplicate-group = グループ ID `{ $id }` がこのカタログに 2 回あります
label-second-definition = 2 つ目の定義
label-first-defined-here = 最初の定義
duplicate-group-help = グループごとに別の ID を付けてください
duplicate-control = 管理策 ID `{ $id }` がこのカタログに 2 回あります
duplicate-control-help = 管理策 ID はカタログ内で一意でなければなりません。`1.10` と `1.1` は別の ID です
empty-control = 管理策 `{ $id }` に `title` も `text` もありません
empty-control-help = ガイドラインの対策項目 (`title`) か対策内容 (`text`) を追加してください
unknown-level = 不明なレベル `{ $level }` です
label-not-a-level = レベルではない
unknown-level-help = 使えるレベル: 基本、推奨
duplicate-cells = 管理策 `{ $first }` と `{ $second }` がどちらもシート `{ $sheet }` の { $row } 行目を記録しています
duplicate-cells-help = 質問ごとに行は別です。ブックを取り込み直して行を記録してください
label-same-row = 別の管理策と同じ行
label-first-recorded-here = 最初の記録

## The project file (load/project.rs)

invalid-policy-level = `policy.{ $name }` は off・warning・error のどれかで、`{ $value }` は使えません
label-not-a-policy-level = ポリシーのレベルではない
invalid-policy-level-help = 使える値: off | warning | error
invalid-derive-policy = `policy.derived_answers` は off・warn・allow のどれかで、`{ $value }` は使えません
label-not-a-derive-policy = 導出のポリシーではない
invalid-derive-policy-help = 使える値: off | warn | allow
invalid-review-days = `policy.review_within_days` は日数 (整数) でなければならず、`{ $value }` は使えません
label-not-days = 日数ではない
invalid-review-days-help = 例: `review_within_days: 365`
unknown-format = 不明な出力形式 `{ $format }` です
label-not-a-format = 出力形式ではない
unknown-format-help = 使える出力形式: xlsx、md、html
invalid-output-name = 出力名 `{ $name }` は単純なファイル名ではありません
label-output-name = 出力の書き出し先は出力フォルダーの中だけ
invalid-output-name-help = ASCII の英字・数字・`.`・`_`・`-` を使い、`.` で始めないでください (`/`、`..`、絶対パスは不可)

## Reading files (files.rs)

file-cannot-read = `{ $path }` を読めません: { $error }
file-outside = `{ $path }` の実体は `{ $resolved }` で、プロジェクトの外です
file-in-git-data = `{ $path }` の実体は `{ $resolved }` で、git リポジトリ自身のデータ (`.git`) の中です
file-not-regular-link = `{ $path }` (実体は `{ $resolved }`) は{ $kind }で、通常のファイルではありません
file-not-regular = `{ $path }` は{ $kind }で、通常のファイルではありません
file-too-large = `{ $path }` が上限の { $limit } バイトを超えています
help-paths-relative = パスは checksheet.yaml のあるフォルダーからの相対パスです
file-outside-help = プロジェクトが読むのは{ $allowed }の中のファイルだけです。リンクやパスで指すのではなく、ファイルをプロジェクトにコピーしてください
file-in-git-data-help = `.git` フォルダーは読みません。認証情報を含むことがあります (CI のチェックアウトはトークンをそこに置きます)
file-not-regular-help = 読むのは通常のファイルだけです。ファイルそのものに置き換えてください
file-too-large-help = ファイルを分けてください (回答もカタログも複数のファイルに分けられます)
file-kind-fifo = 名前付きパイプ (FIFO)
file-kind-char-device = キャラクターデバイス
file-kind-block-device = ブロックデバイス
file-kind-socket = ソケット
file-kind-folder = フォルダー
file-kind-link = シンボリックリンク
file-kind-regular = 通常のファイル
file-kind-special = 特殊ファイル
allowed-folder-and-repository = そのフォルダー `{ $folder }` とそれを含む git リポジトリ `{ $repository }`
allowed-folder = そのフォルダー `{ $folder }`

## Projects and their folders (load/mod.rs, pipeline.rs)

project-not-found = `{ $path }` にプロジェクトがありません。{ $file } のあるフォルダーか、プロジェクトファイルのパスを指定してください
duplicate-catalog = カタログ `{ $catalog }` が 2 回定義されています
duplicate-catalog-help = カタログごとに別の `catalog.id` を付けてください
label-listed-here = ここで指定
not-utf8 = `{ $file }` は正しい UTF-8 ではありません
label-invalid-byte = バイト位置 { $offset } に不正なバイト
not-utf8-help = ファイルを UTF-8 で保存してください (Excel の「CSV UTF-8」やエディターのエンコーディングのメニュー)。Shift_JIS には対応していません
listed-path-missing = `{ $path }` は存在しません
listed-path-missing-what = { $what } `{ $path }` は存在しません
what-layout-folder = レイアウトのフォルダー
not-read = `{ $path }` は読まれません: { $why }
label-in-this-folder = このフォルダー内
not-read-hidden = 隠しファイル・隠しフォルダーは読み飛ばします
not-read-hidden-help = 削除するか、読ませたいなら先頭の `.` を外した名前にしてください
not-read-folder-link = フォルダーへのリンクで、フォルダーへのリンクはたどりません
not-read-folder-link-help = 代わりにリンク先のフォルダーを checksheet.yaml に挙げてください
not-read-too-deep = フォルダーは { $depth } 階層までしか探しません
not-read-too-deep-help = ファイルを上の階層に移すか、そのフォルダーを checksheet.yaml に挙げてください
cannot-create-output-folder = 出力フォルダー `{ $path }` を作れません: { $error }
cannot-write-file = `{ $path }` に書き込めません: { $error }
cannot-render = { $name } を生成できません: { $message }
cannot-render-help = レイアウト `{ $layout }` のテンプレートを確かめてください
write-failed-help = 何も書き出していません。ディスクの空きを作って (またはファイルサイズの上限 `ulimit -f` を上げて) もう一度ビルドしてください

## Questionnaire records of catalogs (load/questionnaire.rs)

plain = { $text }
choices-same = 選択肢 `{ $first }` と `{ $second }` は大文字・小文字か全角・半角しか違いません
label-same-choice = 同じ選択肢として読まれる
choices-same-help = セルの値は大文字・小文字と全角・半角を区別せずにラベル対応表と照合します。どちらか一方だけにしてください
choice-empty = `questionnaire.labels` に空の選択肢があります
label-empty-label = 空のラベル
choice-empty-help = 選択肢は質問票の表記どおりに書いてください (例: `はい`)
choice-without-status = 選択肢 `{ $label }` に状況がありません
label-no-status-given = 状況なし
choice-unknown-status = 選択肢 `{ $label }` の状況 `{ $status }` は不明な値です
help-statuses = 状況の値: { $statuses }
invalid-fingerprint = `{ $value }` は質問票のフィンガープリントではありません
label-expected-fingerprint = 小文字の 16 進数 16 桁が必要
invalid-fingerprint-help = import が書き出す値です。編集せずにブックを取り込み直してください
cells-without-answer = `cells` に回答を書くセルがありません
label-cells-without-answer = `choice`・`answer`・`evidence` の列なし
cells-without-answer-help = 回答セルの列の文字を追加してください (例: `answer: E`)
not-a-column = `{ $text }` は列の文字ではありません
label-expected-column = Excel の列名 (A〜XFD) が必要
not-a-column-help = 例: `{ $name }: D`
not-a-row = `{ $name }` は 1〜{ $max } の行番号でなければなりませんが、{ $found } です
label-not-a-row = ワークシートの行ではない
not-a-row-help = 行番号は Excel の表示どおり 1 から数えます

## Layout folders (load/layout_files.rs)

not-read-not-yaml = 読むのは `*.yaml` と `*.yml` のファイルだけです
not-read-not-yaml-help = プロジェクトのフォルダーの外に移すか、YAML なら `.yaml` の名前にしてください
layout-folder-not-folder = レイアウトのフォルダー `{ $path }` はフォルダーではありません
layout-folder-not-folder-help = layout.yaml のあるフォルダーか、そのようなフォルダーをまとめたフォルダーを挙げてください
not-read-not-layout-folder = レイアウトのフォルダー ({ $file } のあるフォルダー) ではありません
not-read-not-layout-folder-help = `layouts` に挙げたフォルダーには、それぞれ layout.yaml を持つレイアウトのフォルダーを置きます
not-read-in-layout-folder = レイアウトのフォルダーに置けるのは { $file }、{ $templates } だけです
not-read-in-layout-folder-help = レイアウトのフォルダーの外に移してください
invalid-template = テンプレートが正しくありません: { $error }
label-in-this-template = このテンプレート内
invalid-template-help = テンプレートは minijinja (Jinja2) の構文で書きます (例: "{"{{"} organization.name {"}}"} 実施内容")
invalid-template-file = テンプレート `{ $file }` が正しくありません: { $error }
duplicate-layout = レイアウト `{ $layout }` が 2 回定義されています
duplicate-layout-help = 1 つ目は { $first } です。レイアウトごとに別の `layout.id` を付けてください

## Layouts and their templates (layout.rs, sheet.rs, render/)

limits-why = プロジェクト独自のテンプレートには上限があり、暴走したテンプレートは何時間も動いたりディスクを埋めたりする前に止まります
template-missing = レイアウト `{ $layout }` にテンプレート `{ $file }` も代わりのテンプレートもありません
template-failed = レイアウト `{ $layout }` のテンプレート `{ $file }`: { $error }
template-memory-abort = エラー[CS0602]: レイアウト `{ $layout }` のテンプレート `{ $file }` がこの文書の上限の { $bytes } バイトを超えるメモリを使いました ({ $why })
    ビルドに失敗しました。何も書き出していません
template-too-long = レイアウト `{ $layout }` のテンプレート `{ $file }` がこの文書の上限の { $bytes } バイトを超えて書き出しました ({ $why })
template-out-of-fuel = レイアウト `{ $layout }` のテンプレート `{ $file }` がこの文書の上限の { $steps } ステップを超えて実行されました ({ $why })
writer-failed = xlsx の書き出しに失敗しました: { $message }
writer-stopped = { $format } の書き出しに失敗しました
text-template-failed = レイアウト `{ $layout }`: テンプレート `{ $source }` が{ $why }
text-template-help = { $origin } のテンプレートを確かめてください
template-why-failed = 失敗しました: { $error }
text-template-memory-abort = エラー[CS0503]: レイアウト `{ $layout }`: テンプレート `{ $source }` が 1 テキストの上限の { $bytes } バイトを超えるメモリを使いました ({ $why })
template-why-limited = { $why } ({ $limits })
template-why-too-long = 1 テキストの上限の { $bytes } バイトを超えて書き出しました
template-why-out-of-fuel = 1 テキストの上限の { $steps } ステップを超えて実行されました
template-why-budget = この文書の全テキスト合計の上限の { $steps } ステップを超えました
cell-too-long = 管理策 `{ $control }`: 出力 { $output } の `{ $column }` のセルが { $length } 文字あります。xlsx のセルに入るのは { $limit } 文字までです
cell-too-long-help = テキストを短くするか、詳細をリンク先に移してください
label-this-control = この管理策
invalid-layout-id = レイアウト ID `{ $id }` が正しくありません
label-layout-id-chars = レイアウト ID に使えるのは ASCII の小文字・数字・`-`
invalid-layout-id-help = 例: `mic-annex2`
unknown-column-value = 不明な列の値 `{ $value }` です
label-not-a-column-value = 列の値ではない
help-allowed = 使える値: { $allowed }
layout-without-columns = レイアウトには列が 1 つ以上必要です
not-a-boolean = `{ $name }` は true か false で、`{ $value }` は使えません
label-not-a-boolean = 真偽値ではない
number-out-of-range = `{ $value }` は { $min }〜{ $max } の数ではありません
label-out-of-range = 範囲外
unknown-numbering = 不明な番号付けの方式 `{ $scheme }` です
label-not-a-numbering = 番号付けの方式ではない

## Mappings between catalogs (mapping/)

derivation-conflict = カタログ { $catalog } の管理策 `{ $control }` に対応する回答が { $parts } で食い違います: { $answers }
derivation-conflict-help = `catalog: { $catalog }` のファイルで `{ $control }` に回答するか、対応する回答をそろえてください。checksheet がどれかを選ぶことはありません
label-mapped-answer = { $catalog } { $control }
label-mapped-answer-differs = { $catalog } { $control } (食い違い)
derived-answer = カタログ { $catalog } の管理策 `{ $control }` は { $from } { $controls } の回答を使います
label-answer-used = 使われる回答
derived-answer-help = 導出をやめるには直接回答するか、`policy.derived_answers: allow` にしてください
derived-from = { $catalog } から { $count } 件
derived-answers = カタログ { $catalog } の回答 { $count } 件をマッピングから導出しています: { $sources }
derived-answers-help = `checksheet list coverage` で確認できます。導出をやめるには管理策に直接回答してください
unknown-pair-status = 不明なペアの状況 `{ $status }` です
label-not-a-pair-status = ペアの状況ではない
unknown-pair-status-help = 使える値: confirmed (既定) | suggested (確認されるまで使われない)
mapping-unknown-catalog = マッピングが不明なカタログ `{ $catalog }` を指定しています
label-no-such-catalog = そのようなカタログなし
mapping-unknown-control = マッピングが、カタログ { $catalog } にない `{ $control }` を指定しています
label-in-this-pair = このペア
keywords-unknown-catalog = 類義語辞書のキーワードが不明なカタログ `{ $catalog }` を指定しています
keywords-unknown-control = 類義語辞書のキーワードが、カタログ { $catalog } にない `{ $control }` を指定しています
label-these-keywords = このキーワード
thesaurus-too-few = `{ $name }` の項目には語が 2 つ以上必要です
label-too-few-words = 語が少なすぎる
thesaurus-too-few-help = 同じ意味の語を挙げてください (例: [多要素認証, 二要素認証, MFA])
thesaurus-blank = `{ $name }` に空の語があります
label-blank = 空

## Filling a customer's workbook (fill/)

cannot-fill = `{ $name }` に記入できません: { $why }
fill-catalog-without-cells = カタログ { $catalog } はブックのセルを記録していません。`checksheet import { $name } --write-catalog controls/{ $catalog }.yaml` で質問票を取り込み、セルを記録したカタログを作ってください
fill-control-without-cells = 管理策 `{ $control }` はセルを記録していないため、記入できません
fill-control-without-cells-help = すべての質問がセルを記録するよう、質問票を取り込み直してください
fill-no-such-sheet = ブックにそのシートがありません
fill-same-cell = このセルに 2 つの回答 (`{ $first }` と `{ $second }`) が入ります
fill-same-cell-help = カタログの `cells:` で質問ごとに別のセルにしてください (選択肢・回答・証跡は別の列に)
fill-no-status = `{ $control }` には選択肢のセルがありますが、回答に状況がないため選択肢は空のままです
fill-no-status-help = 回答に `status:` を追加してください (短い形 `ID: テキスト` には状況がありません)
fill-unknown-question = `{ $question }` はカタログにない質問のため、未回答のままです
fill-unknown-question-help = 顧客が追加した質問です。ブックを取り込み直して (`checksheet import … --write-catalog`) 回答してください
fill-language = { $at }: この英語の質問票のセル { $count } 個に日本語のテキストが入ります
fill-language-help = 質問票自身のカタログに英語で回答してください (そのカタログ ID の回答が導出された回答より優先されます)
fill-not-found = 質問 `{ $control }` がブックにありません: { $why }
fill-not-found-help = カタログの取り込み元のブックに記入するか、このブックを取り込み直してください (`checksheet import … --write-catalog`)
fill-question-nowhere = セルの内容は `{ $text }` で、{ $column } 列のどのセルにもその質問がありません
fill-question-several = 質問が { $rows } 行目にあり、位置が定まりません
fill-moved = 質問 `{ $control }` が { $from } 行目から { $to } 行目に移っています。移動先に記入します
fill-moved-help = ブックを取り込み直して新しい行を記録してください
fill-merged = 回答セルが別の質問の回答を持つ { $row } 行目のセルと結合されているため、書き込みませんでした
fill-refused = 回答セルは{ $why }
fill-why-formula = 数式を含むため、置き換えませんでした
fill-why-locked = 保護されたシートでロックされているため、書き込みませんでした
fill-too-long = `{ $control }` の回答は { $units } 文字で、セルに入る長さ ({ $limit }) を超えています
fill-no-choice = `{ $control }` の状況 `{ $status }` を書き込みませんでした: { $why }
fill-no-choice-help = セルの選択肢のどれかに当たる状況で回答するか、カタログの `questionnaire.labels` でその選択肢にその状況を対応させてください
fill-text-nowhere = `{ $control }` の回答テキストを入れるセルがありません (質問票に回答の列が記録されていません)
fill-text-nowhere-help = 管理策の `cells` に、コメントのセルの列の文字を `answer:` として追加してください
dropdown-unreadable = ドロップダウンのリスト `{ $formula }` は checksheet が読めるリストや範囲ではありません
dropdown-no-match = セルのドロップダウンの選択肢は { $values } で、ラベル対応表でどれも `{ $status }` に当たりません
label-map-no-choice = ラベル対応表に `{ $status }` の選択肢がありません
no-dropdown-no-label-map = セルにドロップダウンがなく、カタログにもどの選択肢を書くかを示すラベル対応表 (`questionnaire.labels`) がありません
fill-vendor-field = ブックが `{ $label }` を求めていますが、プロジェクトにないためセルは空のままです
fill-vendor-service-help = checksheet.yaml の `organization:` の下に `service:` を追加してください
fill-vendor-contact-help = checksheet.yaml の `organization:` の下に `contact:` (回答者の名前) を追加してください
fill-vendor-locked = `{ $label }` のセルは保護されたシートでロックされているため、書き込みませんでした

## fmt and reading workbooks

cannot-format = `{ $file }` を整形できません: { $message }
label-left-unchanged = 変更せず
cannot-format-help = ファイルは変更していません。このファイルを添えて報告してください
format-not-a-mapping = ファイルがマッピングではありません
format-catalog-not-text = `catalog` がテキストではありません
format-answers-not-a-mapping = `answers` がマッピングではありません
format-unexpected-field = 想定外のフィールド `{ $field }` があります
format-item-not-text = リストの項目がテキストではありません
format-field-holds-mapping = フィールド `{ $field }` がマッピングを持っています
format-canonical-does-not-parse = 正規の形が YAML として読めません: { $message }
format-would-change-answer = 正規の形にすると回答が変わります
format-would-lose-comment = 正規の形にするとコメントが失われるか変わります
workbook-unreadable = `{ $name }` を読めません: { $why }
workbook-unreadable-help = Excel か LibreOffice で開いて「Excel ブック (*.xlsx)」として保存し、そのコピーを取り込んでください

## Commands: status lines and errors that stop a run

at-place = { $at }: { $message }
check-no-errors = エラーはありません
build-removed-stale = 中断されたビルドが残した { $path } を削除しました
build-failed = ビルドに失敗しました。何も書き出していません
wrote = { $path } を書き出しました
build-no-outputs = プロジェクトに出力がないため、書き出すものはありません
fmt-needs-valid-project = fmt はエラーのないプロジェクトだけを変更します。先に上のエラーを直してください
fmt-formatted = { $file } を整形しました
fmt-failed-files = 回答ファイル { $count } 件を整形できず、変更していません
fmt-all-canonical = すべての回答ファイルが正規の形です
fmt-would-reformat = 回答ファイル { $count } 件が整形対象です。`checksheet fmt` を実行してください
fmt-would-reformat-and-failed = 回答ファイル { $count } 件が整形対象です。`checksheet fmt` を実行してください。{ $failed }
map-needs-valid-catalogs = map にはエラーのないカタログが必要です。先に上のエラーを直してください
unknown-catalog-known = 不明なカタログ `{ $catalog }` です。既知のカタログ: { $catalogs }
map-bad-options = --min-score は 0〜1、--top は 1 以上にしてください
map-summary = { $catalog } の管理策 { $total } 件のうち { $matched } 件にペアを提案しました (ほか { $weak } 件は弱い候補のみ)。それぞれ確認して `status: confirmed` にしてください
hint-force = 置き換えるには --force を付けてください
cannot-create-folder = `{ $path }` を作れません: { $error }
file-exists = `{ $path }` があります
file-exists-hint = `{ $path }` があります。{ $hint }
coverage-needs-valid-project = coverage にはエラーのないプロジェクトが必要です。先に上のエラーを直してください
list-needs-valid-project = list にはエラーのないプロジェクトが必要です。先に上のエラーを直してください
list-controls-count = 管理策 { $count } 件
list-any-catalog = (任意のカタログ)
fill-needs-valid-project = fill にはエラーのないプロジェクトが必要です。何も書き出していません
fill-no-catalog = プロジェクトにカタログ `{ $catalog }` がありません (カタログ: { $catalogs })
fill-needs-project = fill には回答のあるプロジェクト (checksheet.yaml) が必要です
fill-out-is-input = `{ $path }` は記入するブックそのものです。fill は入力を上書きしません。別の --out を指定してください
fill-failed = 記入に失敗しました。何も書き出していません
fill-out-extension = `{ $path }` は `.{ $extension }` のブックを別の拡張子で保存することになり、Excel で開けません。--out には `.{ $extension }` で終わる名前を指定してください
fill-out-not-regular = `{ $path }` は通常のファイルではありません (リンク・フォルダー・デバイス)。fill が置き換えるのは通常のファイルだけです
fill-outcome-filled = 記入
fill-outcome-derived = { $catalog } { $controls } から導出
fill-outcome-empty = 空 (回答なし)
fill-outcome-conflict = 競合 (対応する回答が食い違う)
fill-outcome-not-found = 見つからない
fill-choice-left-empty = {" "}(選択肢は空のまま)
fill-report-unknown = { $at }  カタログにない: { $text }
fill-report-vendor-empty = { $at } ({ $label }) 空のまま
fill-count = 質問 { $questions } 件: 記入 { $filled }、導出 { $derived }、空 { $empty }、競合 { $conflicts }、見つからない { $not_found }。回答者情報 { $vendor } 件を記入{ $choice_empty ->
        [0] {""}
       *[other] 。選択肢が空のままの回答 { $choice_empty } 件
    }{ $unknown ->
        [0] {""}
       *[other] 。カタログにないブックの質問 { $unknown } 件
    }
import-needs-valid-project = import にはエラーのないプロジェクトが必要です。先に上のエラーを直してください
import-failed = 取り込みに失敗しました。何も書き出していません
import-wrote = { $path } を書き出しました — { $what }
import-wrote-catalog = カタログ { $catalog } (管理策 { $controls } 件、グループ { $groups } 件)
import-wrote-answers = カタログ { $catalog } への回答 { $answers } 件
import-list-catalog = 注記: このプロジェクトで { $catalog } に回答するには、checksheet.yaml にカタログを挙げてください (`catalogs: [{ $folder }]`)
import-file-exists = `{ $path }` があるため、何も書き出していません (置き換えるには --force、別の場所に書くには --out を使ってください)
diff-give-two = 比べる 2 つの回答ファイルかプロジェクト (`checksheet diff OLD NEW`)、または git のリビジョン (`checksheet diff --git REV [PATH]`) を指定してください
diff-git-one-path = --git と一緒に指定できる PATH (比べるプロジェクトか回答ファイル) は 1 つまでです
diff-failed = diff に失敗しました。先にエラーを直してください
diff-working-tree = 作業ツリー
diff-no-differences = { $old } と { $new } に違いはありません
diff-no-project-at = `{ $path }` にプロジェクトがありません
diff-nothing-at = `{ $path }` にプロジェクトも回答ファイルもありません
diff-neither = `{ $path }` は{ $old }にも{ $new }にもありません
diff-all-added = 注記: `{ $path }` は{ $at }にないため、すべての回答を追加として扱います
diff-all-removed = 注記: `{ $path }` は{ $at }にないため、すべての回答を削除として扱います
diff-in-working-tree = 作業ツリー
diff-at-revision = { $revision }
diff-top-folder = { $revision } の最上位フォルダー
diff-no-project-in = { $folder } にプロジェクトがありません。{ $file } のあるフォルダーが必要です

## init and man

init-files-exist = `{ $dir }` にはプロジェクトを作りません。既にファイルが { $count } 件あります: { $files }
init-nothing-written = 何も書き出していません。空のフォルダーを選んでください (例: `checksheet init my-checksheets`)
init-created = { $path } を作成しました
init-next = 次の手順: { $next }
man-failed = man ページを生成できません: { $error }

## Importing workbooks (import/)

import-layout-has-no-answer = レイアウト `{ $id }` に回答の列がないため、取り込むものがありません
import-layout-shows-neither-number = レイアウト `{ $id }` には番号も質問もないため、行を区別できません
import-sheet-has-no-header = シート `{ $name }` にレイアウト `{ $id }` の見出し行 ({ $header_row }) がないため、どのセルも取り込みませんでした
import-column-hidden-imported = { $value } 列は非表示ですが、取り込みました
import-control-appears-twice-at = 管理策 `{ $id }` が { $first } と { $here } の 2 か所にあります
import-row-hidden-control-imported = { $value } 行目は非表示ですが、管理策 `{ $id }` をそこから取り込みました
import-not-status-control = `{ $value }` は状況の値ではありません (管理策 `{ $id }`)
import-sheet-header-row-item = シート `{ $name }`: 見出し行 { $value } ({ $value2 }〜{ $value3 })、{ $end } 行目までに項目行 { $items } 行{ $above }
import-header-row-reads-for = 見出し行は { $header_row } です。別のレイアウトのブックなら --layout を外してください (列が検出されないときは列を指定してください)
import-has-no-table-layout = `{ $name }` にレイアウト `{ $id }` の表がありません。見出し行のあるシートがありません
import-controls-catalog-have-no = カタログ { $id } の管理策 { $len } 件のうち { $missing } 件はブックに行がありません
import-question-recorded-on-sheet = 質問 `{ $id }` はシート `{ $sheet }` に記録されていますが、ブックにそのシートがありません
import-cannot-read-workbook = ブックを読めません: { $why }
import-question-has-moved-from = 質問 `{ $id }` が { $row } 行目から { $row2 } 行目に移っています。移動先から読みました
import-question-not-workbook = 質問 `{ $id }` がブックにありません: { $why }
import-not-choice-label-map = `{ $trim }` はラベル対応表にない選択肢です
import-workbook-why = `{ $name }`: { $why }
import-not-imported-heading-with = `{ $value }` は取り込みませんでした (下に質問のない見出し)
import-table-question-not-imported = { $value }: 質問 { $items } 件の表を取り込みませんでした。列 ({ $value2 }) が取り込んだ表と違います。この表だけを取り込むには: { $value3 }
import-sheet-no-questionnaire-table = シート `{ $name }`: 質問票の表がないため、どのセルも取り込みませんでした
import-sheet-above-table-titles = シート `{ $name }`: 表の上の { $value } (タイトル・注記) は取り込みませんでした
import-cell-merged-across-rows = { $name } のセルが { $value } 行にわたって結合されています。それぞれの質問に同じテキストを割り当てました
import-column-hidden-imported-2 = { $value } 列は非表示ですが、取り込みました
import-row-hidden-imported = { $value } 行目は非表示ですが、取り込みました
import-item = { $place }: { $value } — 項目 { $count } 件
import-dropdown-choice-says-no = ドロップダウンの選択肢 `{ $unknown }` は状況を表しません。これを含むセルはエラーになります (カタログの `questionnaire.labels` で意味を与えてください)
import-tables-hold-no-items = `{ $name }` の表に項目 (ID と質問のある行) がありません
import-fill-row-cell-or = その行の{ $missing ->
        [id] ID
       *[question] 質問
    }のセルを埋めるか、列 ({ $value2 }) を確かめてください
import-answer-row-without-cannot = { $missing ->
        [id] ID
       *[question] 質問
    }のない行に回答があり、どの質問にも割り当てられません
import-id-has-line-break = ID `{ $escape_debug }` に改行があります
import-open-workbook-excel-or = ブックを Excel か LibreOffice で開き、再計算させて保存してから、そのコピーを取り込んでください
import-cell-holds-formula-saved = セルの数式が値なしで保存されているため、テキストが分かりません
import-choice-cell-holds-text = 選択肢のセルに選択肢ではなくテキストがあります (項目 `{ $id }`)。回答として取り込みました
import-not-known-answer-label = `{ $trim }` は既知の回答ラベルではありません (項目 `{ $id }`)
import-item-numbers-repeat-across = 項目番号がセクションをまたいで重複しています。見出しの下の各項目に{ $outer ->
        [yes] 最上位の
       *[no] 自身の
    }セクションの ID を接頭辞として付けました ({ $value2 } の `{ $id }` は `{ $value3 }` になります)
import-id-appears-twice-at = ID `{ $id }` が { $value } とここの 2 か所にあります
import-not-control-catalog = `{ $id }` はカタログ { $id2 } の管理策ではありません
import-control-appears-twice-at-2 = 管理策 `{ $id }` が { $value } とここの 2 か所にあります
import-not-imported = `{ $value }{ $more }` は取り込みませんでした ({ $why })
import-reading-at-cells-catalog = `{ $name }` をカタログ { $id } が記録したセルから読みます
import-reading-layout-for-catalog = `{ $name }` をレイアウト `{ $id }` でカタログ { $id2 } として読みます
import-reading-as-questionnaire = `{ $name }` を質問票として読みます
import-sheet-hidden-not-read = シート `{ $name }` は非表示のため読みませんでした (取り込むには --sheet で指定してください)
import-sheets = シート: { $value }
import-has-no-sheet = `{ $name }` にシート `{ $name2 }` がありません。{ $hint }
import-known-catalogs = 既知のカタログ: { $known_catalogs }
import-unknown-catalog = 不明なカタログ `{ $id }` です。{ $hint }
import-unknown-layout-did-you = 不明なレイアウト `{ $layout_id }` です。`{ $s }` のことですか?
import-unknown-layout-known-layouts = 不明なレイアウト `{ $layout_id }` です。既知のレイアウト: { $value }
import-layout-made-for-catalog = レイアウト `{ $id }` はカタログ `{ $bound }` 用で、`{ $asked }` 用ではありません
import-layout-fits-any-catalog = レイアウト `{ $id }` はどのカタログにも使えます。--catalog で指定してください (既知のカタログ: { $known_catalogs })
import-not-catalog-id-use = `{ $id }` はカタログ ID ではありません。ASCII の英字・数字・`.`・`_`・`-` を使ってください (--catalog-id)
import-catalog-already-exists-choose = カタログ `{ $id }` は既にあります ({ $origin })。--catalog-id で別の ID を選ぶか、--catalog { $id } でそのカタログへの回答として取り込んでください
import-name-catalog = --layout を指定しないときは、回答の属するカタログを指定する (--catalog ID) か、質問票を新しいカタログとして書き出してください (--write-catalog controls/<id>.yaml)
import-label-map-questionnaire-labels = ラベル対応表 (カタログの `questionnaire.labels`) にある選択肢: { $value }。その選択肢を状況とともにそこに追加してください
import-known-choices-or-give = 既知の選択肢: { $value }。またはカタログにラベル対応表 (`questionnaire.labels`) を追加してください
import-answer-row-without-column = { $value } ({ $value2 } 列) のない行に回答があり、カタログ { $id } のどの管理策にも割り当てられません
import-not-item-catalog-as = `{ $key }` はレイアウト `{ $id2 }` の番号付けでカタログ { $id } の項目ではないため、回答を取り込めません
import-known-labels-or-empty = 既知のラベル: { $value } (または空)
import-allowed-or-empty = 使える値: { $value } (または空)
import-rows-above = 。その上の { $rows } (タイトル・注記) は回答ではありません
import-rows = { $count ->
        [one] 1 行目
       *[other] 1〜{ $count } 行目
    }
import-more-like-these = … ほかに同様のもの { $count } 件 ({ $description })
import-typed-number = { $what ->
        [number] 番号
        [answer] 回答
        [evidence] 証跡
       *[ID] ID
    }のセルが数値 { $text } です。`{ $text }0` のように 0 を付けて入力した表記は失われます
import-typed-date = { $what ->
        [number] 番号
        [answer] 回答
        [evidence] 証跡
       *[ID] ID
    }のセルが日付で、`{ $text }` と読みました。`1-1` のようなテキストを入力したなら、Excel が日付に変換しています
import-typed-help = 取り込んだテキストを確かめてください。ブックでは、入力前にそのようなセルを文字列 (@) の書式にしてください
import-place-header = シート `{ $sheet }`、見出し行 { $row }
import-place-no-header = シート `{ $sheet }` (見出し行なし)
import-refuse-name-columns = シートと列を指定してください: --sheet NAME --header-row N --id-col A --question-col B --choice-col C --answer-col D
import-refuse-candidates = 候補 (よい順)。オプションを付けてどれかを取り込んでください:
import-refuse-candidate = {"  "}{ $n }. { $place }: { $columns } — 項目 { $items } 件、スコア { $score }{ $fails }
    {"     "}{ $options }
import-no-columns = 列なし
import-questions-only = 。回答の列なし (質問のみ)
import-fails = 。{ $fails }
import-refuse-more = {"  "}… ほか { $count } 件
import-why-a-formula-error-not-a-heading = 見出しではなく数式のエラー
import-why-a-notice-not-a-heading = 見出しではなく注意書き
import-why-a-repeated-header-row = 繰り返しの見出し行
import-why-a-row-of-several-texts-without-an-id = ID のない、複数のテキストのある行
import-why-in-no-named-column = 名前の付いたどの列にもない
import-why-not-part-of-any-item = どの項目にも属さない
import-why-outside-layout-columns = レイアウトの列の外

## list coverage

coverage-derived = 、マッピングから導出 { $count } 件
coverage-answered = 回答済み
coverage-no-level = (レベルなし)
coverage-status = 状況
coverage-open = 未回答

## Importing a build's links sheet

import-links-sheet = シート `{ $name }` はビルドのリンク一覧シートです。リンクは回答から読みます

## Why import refuses a workbook

import-why-no-header-row = 質問票の表の見出しと読める行がありません
import-why-no-table-passes = 確認を通る表がありません
import-why-same-questions = { $first } と { $second } には同じ質問があり、どちらに回答すべきか明らかではありません
import-at-sheet = { $workbook }: シート `{ $sheet }`

## Command-line help (--help): each command and argument, `cli-<command>` and `cli-<command>-arg-<argument>`; the English ones are clap's own (a test keeps them equal)

cli = YAML で管理するセキュリティチェックシートの回答を xlsx・Markdown・HTML に変換します
cli-arg-lang = メッセージの言語 (既定: LC_ALL・LC_MESSAGES・LANG から。`ja*` なら日本語)
cli-build = プロジェクトを検証し、すべての出力を書き出します (既定のフォルダー: PROJECT/dist)
cli-build-arg-project = プロジェクトのフォルダー、または checksheet.yaml のパス
cli-build-arg-out = 出力フォルダー
cli-build-arg-deny_warnings = エラーだけでなく警告でも失敗にします
cli-build-arg-format = 診断の表示形式
cli-check = プロジェクトを検証します (何も書き出しません)
cli-check-arg-project = プロジェクトのフォルダー、または checksheet.yaml のパス
cli-check-arg-deny_warnings = エラーだけでなく警告でも失敗にします
cli-check-arg-format = 診断の表示形式
cli-fmt = 回答ファイルを正規の形 (カタログ順、一定の引用符) に書き直します。コメントはすべて残します
cli-fmt-arg-project = プロジェクトのフォルダー、または checksheet.yaml のパス
cli-fmt-arg-check = 何も変更せず、変わるファイルを一覧にし、あれば終了コード 1 で終わります
cli-init = 新しいプロジェクトを作ります: checksheet.yaml、回答ファイルの例、.gitignore、スキーマ
cli-init-arg-dir = 新しいプロジェクトのフォルダー (なければ作成。既存のファイルは置き換えません)
cli-schema = ファイルの種類の JSON Schema を出力します (エディター用、yaml-language-server)
cli-schema-arg-kind = ファイルの種類
cli-completions = シェルの補完スクリプトを出力します
cli-completions-arg-shell = シェル
cli-man = man ページ (roff) を出力します
cli-diff = 2 つの回答ファイル・プロジェクト・git のリビジョンの回答を管理策ごとに比べます
cli-diff-arg-paths = OLD と NEW: 回答ファイル、またはプロジェクト (checksheet.yaml のあるフォルダーかプロジェクトファイル)。--git のときは比べるプロジェクトか回答ファイルを 1 つまで (既定: .)
cli-diff-arg-git = PATH の git のリビジョンを作業ツリーと (REV)、2 つのリビジョン同士を (A..B)、または B を A とのマージベースと (A...B) 比べます
cli-diff-arg-format = 出力: 端末向けの色付きテキスト、プルリクエストのコメント向けの Markdown、または JSON
cli-diff-arg-color = テキスト出力の色 (auto: 端末で NO_COLOR がないときだけ)
cli-diff-arg-exit_code = 回答が違うときは終了コード 1 で終わります
cli-import = 既存のブック (xlsx) の回答を、組み込みかプロジェクトのレイアウトで、または任意の質問票から回答 YAML に取り込みます (質問票を新しいカタログとして書き出すこともできます)
cli-import-arg-file = 読むブック (.xlsx)
cli-import-arg-layout = ブックのレイアウト (default、mic-annex2、monocone、skyarch、melcol、またはプロジェクトのもの)。それ以外の形式の質問票なら指定しません
cli-import-arg-catalog = 回答の属するカタログ (既定: レイアウトのカタログ)
cli-import-arg-project = カタログとレイアウトを使うプロジェクト。回答はその回答フォルダーに書き出します
cli-import-arg-out = 書き出す回答ファイル (既定: answers/imported-<catalog>.yaml)。`-` なら標準出力に出力します
cli-import-arg-force = 回答ファイル (とカタログファイル) があれば置き換えます
cli-import-arg-sheets = このシートだけを読みます (複数指定可。非表示のシートは指定したときだけ読みます)
cli-import-arg-header_row = 見出し行 (1 から数える)。探す代わりに指定します
cli-import-arg-id_col = 項目の ID・番号の列 (列の文字、例: A)
cli-import-arg-question_col = 質問の列 (確認内容 / 質問)
cli-import-arg-title_col = 項目名の列 (項目)
cli-import-arg-category_col = 分類の列 (分類 / Category / Domain)。値がグループになります
cli-import-arg-answer_col = 自由記述の回答の列 (補足説明 / 回答内容 / Comments)
cli-import-arg-choice_col = 選択式の回答の列 (はい / いいえ、○ / ×、Yes / No、実施済 …)。状況として読みます
cli-import-arg-evidence_col = 証跡の列 (証跡 / 根拠資料 / Evidence)
cli-import-arg-note_col = 各回答の内部用 `note` として残す備考の列 (備考)
cli-import-arg-write_catalog = 質問票を新しいカタログとしてこのファイルにも書き出します (controls/<id>.yaml)
cli-import-arg-catalog_id = 新しいカタログの ID (既定: ファイル名から)
cli-import-arg-catalog_title = 新しいカタログのタイトル (既定: 表の上のテキスト)
cli-import-arg-list_prefix = この接頭辞で始まる行のある回答をリストとして読みます (既定: レイアウトのチェックボックス。`""` ならすべての回答をテキストとして読みます)
cli-import-arg-split_links = テキストの回答の末尾にある URL の行を `links` にします (既定: テキストのまま)
cli-import-arg-deny_warnings = 警告があれば何も書き出しません
cli-fill = プロジェクトの回答を顧客自身のブックに記入します。変更するのは回答セルだけです
cli-fill-arg-workbook = 顧客のブック (.xlsx か .xlsm)。カタログの取り込み元
cli-fill-arg-catalog = このブックから取り込んだカタログ (`import --write-catalog`)
cli-fill-arg-project = プロジェクトのフォルダー、または checksheet.yaml のパス
cli-fill-arg-out = 記入したブックの書き出し先 (既定: PROJECT/dist/<ブックの名前>)
cli-fill-arg-force = 出力ファイルがあれば置き換えます
cli-fill-arg-overwrite = ブックの回答セルに既にある内容 (以前の回答、仮の値) を置き換えます。付けなければそのようなセルは残して報告します
cli-fill-arg-check = 何も書き出さず、空のまま残る質問、選択肢が空のままの質問、カタログにない質問があれば終了コード 1 で終わります (CI 用)
cli-fill-arg-format = レポートと診断の表示形式
cli-map = カタログ間のマッピング: 新しい質問票のマッピングを提案します
cli-map-suggest = FROM の各管理策について、同じことを問う TO の管理策を (テキスト、プロジェクトの回答、以前に確認したペア、ISO/IEC 27001 附属書 A の参照から) 提案し、人がレビューする `status: suggested` のペアのマッピングファイルにします
cli-map-suggest-arg-from = マッピングするカタログ (例: 顧客のブックから取り込んだもの)
cli-map-suggest-arg-to = プロジェクトが回答するカタログ (例: mic-cloud-v3)
cli-map-suggest-arg-project = 組み込みのカタログに加えてカタログを探すプロジェクト
cli-map-suggest-arg-top = 管理策ごとに挙げる候補の数 (コメントとして。最良のものがペアになります)
cli-map-suggest-arg-min_score = 候補として挙げる最低スコア (0〜1。ペアには確かな候補が必要です)
cli-map-suggest-arg-out = マッピングファイルを出力する代わりにここに書き出します
cli-map-suggest-arg-force = 既存の --out のファイルを置き換えます
cli-list = カタログ、レイアウト、またはカタログの管理策を一覧にします
cli-list-catalogs = カタログ: 組み込みのもの、--project を付ければプロジェクトのものも
cli-list-layouts = レイアウト: 組み込みのもの、--project を付ければプロジェクトのものも
cli-list-coverage = 出力のカタログごとの回答済み / 全体 (レベル別・状況別) と、未回答の管理策
cli-list-coverage-arg-project = プロジェクトのフォルダー、または checksheet.yaml のパス
cli-list-coverage-arg-json = テキストの代わりに JSON を出力します
cli-list-controls = カタログの管理策を順に一覧にします

## diff's text and Markdown

diff-count = { $kind ->
        [added] 追加
        [removed] 削除
       *[changed] 変更
    } { $count }
diff-summary = 管理策 { $count } 件に違いがあります ({ $parts })
diff-kind = { $kind ->
        [added] 追加
        [removed] 削除
       *[changed] 変更
    }
diff-none = (なし)
diff-reordered = { $list } (順序の変更)
diff-md-heading = チェックシートの回答: { $old } → { $new }
diff-md-no-differences = 違いはありません。
diff-md-omitted = _… ほか管理策 { $count } 件はここに表示していません。コメントが GitHub の上限を超えるためです。すべてを見るには `checksheet diff` を実行してください。_
diff-md-columns = 管理策 | 変更 | 詳細
diff-md-internal = _(内部メモのため表示しません)_

## diff's Markdown summary

diff-md-summary = { $summary }。

## How import describes the tables it detects

import-fail-no-id = ID の列がない
import-fail-id-column = ID の列に短く重複しない ID がない
import-fail-no-question = 質問の列がない
import-fail-question-column = 質問の列に文がない
import-fail-short-questions = 質問が ID より短い
import-fail-formulas = 回答セルが数式 (別の場所の回答のコピー)
import-fail-no-item = 項目 (ID と質問のある行) がない
import-fail-row-empty = { $row } 行目が空
import-fail-row-not-header = { $row } 行目がどの列も名指ししていない (見出し行ではない)
import-column-role = { $role } = { $column }{ $header }
import-role = { $role ->
        [ID] ID
        [title] 項目名
        [category] 分類
        [question] 質問
        [choice] 選択肢
        [answer] 回答
        [evidence] 証跡
       *[note] 備考
    }

## Why a workbook cannot be read (fill/package.rs)

workbook-too-large = { $bytes } バイトあり、上限の { $limit } バイトを超えています
workbook-encrypted = パスワードで保護 (暗号化) されているか、古い .xls ファイルです。パスワードを外すか「Excel ブック (*.xlsx)」として保存し、そのコピーを使ってください
workbook-not-zip = xlsx のブックではありません (xlsx ファイルは zip アーカイブです): { $error }
workbook-part-encrypted = パーツ `{ $part }` が暗号化されています。パスワードを外して保存し直してください
workbook-duplicate-parts = ディレクトリに { $count } 個のパーツがありますが、異なる名前は { $names } 個だけです。同じパーツが 2 回入っていて、アプリケーションがどちらを読むか定まりません。Excel か LibreOffice で開いて保存し直してください
workbook-parts-too-large = パーツを展開すると { $bytes } バイトになり、上限の { $limit } を超えます

## diff's label of the working tree

diff-working-tree-label = 作業ツリー

## Damaged workbooks (fill/, import/workbook.rs)

xlsx-shared-strings-invalid = 共有文字列が正しくありません ({ $error })
xlsx-sheet-unreadable = シート `{ $sheet }` を読めません: { $error }
xlsx-styles-invalid = スタイルのパーツが正しい XML ではありません ({ $error })
xlsx-sheet-error = シート `{ $sheet }`: { $error }
xlsx-no-sheet-data = シートに <sheetData> 要素がありません
xlsx-bad-row-number = 行番号 `{ $value }` は行番号ではありません
xlsx-rows-past = { $max } 行目より後に行があります
xlsx-bad-cell-reference = セル参照 `{ $value }` はシートのセルではありません
xlsx-ends-inside-cells = XML がセルの途中で終わっています。ファイルが壊れています
xlsx-at-byte = バイト位置 { $byte }: { $error }
xlsx-part-invalid = `{ $part }` が正しい XML ではありません ({ $error })
xlsx-part-ends-inside = パーツが要素の途中で終わっています
xlsx-ends-inside-string = XML が文字列の途中で終わっています。ファイルが壊れています
xlsx-shared-string-error = 共有文字列 { $index }: { $error }
xlsx-part-unreadable = パーツ { $index } を読めません: { $error }
xlsx-part-error = パーツ `{ $part }`: { $error }
xlsx-cell-error = セル { $cell }: { $error }
xlsx-missing-shared-string = ブックにない共有文字列 `{ $value }` を参照しています
xlsx-no-sheets-element = ブックのパーツに <sheets> 要素がありません
xlsx-edited-part-not-well-formed = 編集したパーツ `{ $part }` が整形式の XML になりません ({ $error })。何も書き込んでいません
xlsx-part-too-large = パーツ `{ $part }` は展開すると { $limit } バイトを超えます
xlsx-text-too-long = { $max } 文字を超えるテキストがあり、セルに入りきりません (先頭は `{ $begins }…`)
xlsx-too-many-shared-strings = 共有文字列が { $max } 個を超えています
xlsx-too-many-rows = 行要素が { $max } 個を超えており、シートの行数より多くあります
xlsx-too-many-cells = セルが { $max } 個を超えています (取り込みにも同じ上限があります)
xlsx-cell-in-other-row = セル { $cell } が { $row } 行目に書かれています。シートの行とセルが食い違っているため、セルを安全に配置できません
xlsx-cell-out-of-order = { $row } 行目でセル { $cell } がセル { $before } の後にあります。行のセルは列の順に 1 回ずつ書かれるものなので、シートを安全に読めません
xlsx-cell-without-reference = { $row } 行目に参照 (`r`) のないセルがあるため、この行に安全にセルを追加できません
xlsx-same-cell-twice = 同じセルへの編集が 2 つあります

## git revisions for diff (diff/git.rs)

git-cannot-run = git を実行できません: { $error }
git-no-current-folder = 現在のフォルダーを読めません: { $error }
git-outside-root = `{ $path }` はファイルシステムのルートの外です
git-not-a-repository = `{ $path }` は git リポジトリの中にありません ({ $error })
git-not-a-revision = `{ $revision }` は git のリビジョンではありません
git-unknown-revision = 不明な git のリビジョン `{ $revision }` です
git-no-merge-base = `{ $a }` と `{ $b }` にマージベースがありません
git-no-temporary-folder = 一時フォルダーを作れません: { $error }
git-no-temporary-file = 一時ファイルを書き込めません: { $error }
git-cannot-write = git に書き込めません
git-cannot-read = git から読めません
git-unexpected-answer = `git cat-file` から予期しない応答がありました: { $what }
git-blob-ends-early = `git cat-file` から予期しない応答がありました: blob が途中で終わっています
git-cat-file-failed = `git cat-file` から予期しない応答がありました: git が失敗しました

## Column options of import

import-not-a-column = `{ $text }` は列ではありません。A、D、AB のような列の文字を使ってください

## Merged from main: a held answer cell, a lone carriage return

fill-cell-held = 回答セルに既に `{ $held }` があるため残し、`{ $control }` の回答は書き込みませんでした
fill-cell-held-help = 回答セルの内容 (以前の回答や「選択してください」のような仮の値) を置き換えるには --overwrite を付けてください
yaml-lone-carriage-return = 後ろに改行 (LF) のない復帰文字 (U+000D) があります。YAML はここを改行として読みますが、エディターや `git diff` では続きが同じ行に表示されます
label-hidden-line-break = 見えない改行
yaml-lone-carriage-return-help = 改行コードを LF (または CRLF) にしてファイルを保存し、前後の行を確かめてください

## Merged from main: a catalog's answer cell over a question's own column

cells-over-question = 管理策 `{ $control }`: `{ $field }: { $column }` はシート `{ $sheet }` の{ $role }の列で、fill が上書きしてしまいます
cells-over-question-help = 顧客が回答用に空けているセルの列を指定してください (ブックを取り込み直すと記録されます)
label-cells-over-question = 顧客自身のテキストに書き込まれる回答

## Merged from main: a workbook part with a document type

xlsx-doctype = パーツ `{ $part }` が文書型 (<!DOCTYPE …>) を宣言しています。Excel はこれを書かず、その実体参照で読むテキストが変わるおそれがあります。Excel か LibreOffice で開いて保存し直してください

## Merged from main: a formula error value, an unwritable output folder

import-typed-error = { $what ->
        [number] 番号
        [answer] 回答
        [evidence] 証跡
       *[ID] ID
    }のセルに、ブックで失敗した数式のエラー値 `{ $text }` があります。そのテキストとして取り込みました
write-not-writable-help = 何も書き出していません。出力フォルダーを書き込み可能にして (または書き込める別のフォルダーを `--out` に指定して) もう一度ビルドしてください

## Merged from main: a dist folder that leads out of the project

output-folder-outside = 出力フォルダー: { $error }。何も書き出していません。リンクを削除するか、--out でフォルダーを指定してください

## Merged from main: a question on a hidden row or sheet

fill-hidden-question = `{ $control }` の質問は非表示の{ $hidden ->
        [sheet] シート
       *[row] 行
    }にありますが、そこに回答を書き込みます

cli-diff-after-help = 例:
      checksheet diff old/answers/saas.yaml answers/saas.yaml
      checksheet diff --git origin/main                  # . のプロジェクトの origin/main と作業ツリーを比べる
      checksheet diff --git HEAD~3..HEAD --format json
      checksheet diff --git origin/main...HEAD --format markdown > comment.md

    終了コード: 0 比べ終えた (--exit-code を付けると、違いがあれば 1)。1 どちらかにエラーがある。2 コマンドを実行できなかった。
cli-import-after-help = 例:
      checksheet import old/skyarch.xlsx --layout skyarch --out answers/skyarch.yaml
      checksheet import dist/default-mic-cloud-v3.xlsx --layout default --split-links --out -
      checksheet import acme.xlsx --write-catalog controls/acme.yaml --out answers/acme.yaml
      checksheet import acme.xlsx --sheet 質問票 --header-row 4 --id-col A --question-col C --answer-col D --write-catalog controls/acme.yaml

    取り込まないセル、非表示の行とシート、結合された回答、テキストのはずの数値や日付は、
    シートとセルを添えて報告します。エラーがあれば (--deny-warnings なら警告でも) 何も書き出さず、
    --force を付けない限りファイルを置き換えません。

    終了コード: 0 書き出した。1 ブックにエラーがある (何も書き出していない)。2 コマンドを実行できなかった。

## The command line's own words (clap): help headings, flags, value lists, argument errors
clap-usage-heading = 使い方:
clap-commands-heading = コマンド
clap-arguments-heading = 引数
clap-options-heading = オプション
clap-print-help = ヘルプを表示します
clap-print-version = バージョンを表示します
clap-help-command = このヘルプ、または指定したコマンドのヘルプを表示します
clap-default-value = [既定値: { $value }]
clap-possible-values = [指定できる値: { $values }]
clap-subcommands = [コマンド: { $values }]
clap-try-help = 詳しくは '{ $flag }' を付けて実行してください。
clap-unexpected-argument = 想定外の引数 '{ $arg }' があります
clap-invalid-value = '{ $arg }' に値 '{ $value }' は指定できません
clap-value-required = '{ $arg }' には値が必要ですが、指定されていません
clap-too-many-values = '{ $arg }' に想定外の値 '{ $value }' があります。これ以上の値は指定できません
clap-no-equals = '{ $arg }' に値を指定するには等号 (=) が必要です
clap-invalid-subcommand = '{ $name }' というコマンドはありません
clap-missing-subcommand = '{ $name }' にはコマンドの指定が必要です
clap-missing-required = 次の必須の引数が指定されていません:
clap-argument-repeated = 引数 '{ $arg }' は一度しか指定できません
clap-argument-conflict = 引数 '{ $arg }' は '{ $other }' と一緒には使えません
clap-argument-conflict-many = 引数 '{ $arg }' は次の引数と一緒には使えません:
clap-argument-conflict-any = 引数 '{ $arg }' は、指定された他の引数と一緒には使えません
clap-invalid-utf8 = 引数に UTF-8 として正しくない文字があります
clap-tip = ヒント: { $tip }
clap-similar = { $count ->
       *[other] よく似た{ $what ->
            [subcommand] コマンド
            [argument] 引数
           *[value] 値
        }があります: { $values }
    }
clap-tip-as-value = '{ $arg }' を値として渡すには '{ $escaped }' と書きます
clap-tip-remove-dashes = コマンド '{ $name }' があります。使うには前の '--' を外します
clap-tip-exists = '{ $name }' があります
