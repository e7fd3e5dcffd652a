# English messages of checksheet (Fluent, https://projectfluent.org).
# Every message here must also be in i18n/ja/checksheet.ftl, with the same variables:
# `cargo test --lib i18n` checks it. User data (IDs, paths, answers, YAML keys, values such
# as `implemented`) comes in through variables and is shown as is.

## Shared pieces

list-separator = {", "}
list = { $items }
level-error = error
level-warning = warning
level-note = note
level-help = help
github-help = help: { $help }
error-line = error: { $message }
help-did-you-mean = did you mean `{ $suggestion }`?
help-did-you-mean-folded = did you mean `{ $suggestion }`? `{ $given }` holds full-width, compatibility or invisible characters: { $chars }; type it in half-width (半角) characters
char-invisible = an invisible U+{ $code }
char-read-as = `{ $char }` (U+{ $code }, read as `{ $read_as }`)

## The end of a run

summary-errors = { $errors } { $errors ->
        [one] error
       *[other] errors
    } found
summary-warnings = { $warnings } { $warnings ->
        [one] warning
       *[other] warnings
    } found
summary-errors-warnings = { $errors } { $errors ->
        [one] error
       *[other] errors
    } and { $warnings } { $warnings ->
        [one] warning
       *[other] warnings
    } found

## What each code means (`Code::description`)

code-CS0001 = a file or folder could not be read
code-CS0002 = a file is not valid UTF-8
code-CS0003 = a YAML file has no content
code-CS0004 = a path a project names or holds leads outside the project's folder and git repository, or into a `.git` folder
code-CS0005 = a path a project names or holds is a named pipe, device, socket or other special file
code-CS0006 = a file or folder inside a project's folders is not read
code-CS0101 = a file is not valid YAML
code-CS0102 = a YAML mapping has the same key twice
code-CS0103 = a file exceeds a safety limit (size, nesting, aliases)
code-CS0104 = a file is not valid YAML where a look-alike or invisible character (full-width space, no-break space, full-width colon …) stands for a space, colon or hyphen
code-CS0201 = a field name is not part of the file format
code-CS0202 = a required field is missing
code-CS0203 = a value has the wrong YAML type
code-CS0204 = a value is not one of the allowed values or forms
code-CS0205 = a date is not a real calendar date in YYYY-MM-DD form
code-CS0206 = a link is not an absolute http(s) URL
code-CS0207 = an ID is empty or has characters IDs may not have
code-CS0301 = a control ID appears twice in a catalog
code-CS0302 = a group ID appears twice in a catalog
code-CS0303 = two catalogs have the same ID
code-CS0304 = a control has neither a title nor a text
code-CS0305 = two controls of a catalog record the same row of a workbook
code-CS0401 = an answer file or output names a catalog that does not exist
code-CS0402 = an answer names a control that its catalog does not have
code-CS0403 = a control is answered twice
code-CS0404 = an answer has no text
code-CS0405 = a control of an output's catalog has no answer
code-CS0406 = a 基本 (basic) control of an output's catalog has no answer
code-CS0407 = an answer was last reviewed longer ago than the project's policy allows
code-CS0408 = an answer has no `reviewed` date and the project's policy asks for one
code-CS0409 = a mapping names a catalog or control that does not exist
code-CS0410 = an answer is derived from a mapped control of another catalog
code-CS0411 = mapped controls give different answers for one control
code-CS0412 = an answer, or a control's title or text, holds a control, zero-width or bidirectional character that a reader would not see
code-CS0501 = an output names a layout that does not exist
code-CS0502 = an output's catalog does not fit its layout
code-CS0503 = a layout definition or template is invalid
code-CS0504 = two outputs would write the same file
code-CS0601 = a text is longer than an xlsx cell can hold (32,767 characters)
code-CS0602 = an output could not be rendered
code-CS0603 = an output file could not be written
code-CS0701 = an answer file could not be put in canonical form without loss
code-CS0801 = no table of the expected layout or columns was found in a workbook
code-CS0802 = the ID, question or answer column of a questionnaire table could not be determined
code-CS0803 = a workbook row holds an answer that belongs to no control
code-CS0804 = a workbook has the same control or ID twice
code-CS0805 = a workbook's status cell holds no known status
code-CS0806 = an ID cell of a workbook is not a valid ID
code-CS0807 = a workbook cell belongs to no item or column and was not imported
code-CS0808 = a workbook cell holds a number or date where text was meant; its spelling may be lost
code-CS0809 = a workbook's hidden row, column or sheet, read by import or filled by fill
code-CS0810 = a merged workbook cell's value was given to several rows
code-CS0811 = IDs read from a workbook were prefixed to make them unique
code-CS0812 = imported answers or a catalog could not be written without loss
code-CS0813 = no questionnaire table of a workbook is clearly the one to import; the candidates are listed
code-CS0814 = a workbook formula cell was saved without its value, so its text is unknown
code-CS0815 = a table of questions on a sheet that was imported was left out, being shaped unlike the tables imported
code-CS0901 = a question of the catalog is not in the workbook being filled
code-CS0902 = a question is in another row of the workbook than the catalog records
code-CS0903 = an answer's status matches no choice of its cell's dropdown or the label map
code-CS0904 = an answer cell is locked on a protected sheet, or merged with another question's cell
code-CS0905 = an answer cell holds a formula, which fill does not replace
code-CS0906 = an answer's text has no cell to go in
code-CS0907 = the workbook asks for a vendor field the project does not give
code-CS0908 = two answers would be written into one workbook cell
code-CS0909 = a question has a choice cell but its answer gives no status
code-CS0910 = a workbook's table holds a question its catalog does not have
code-CS0911 = answers in Japanese are written into an English questionnaire
code-CS0912 = an answer cell of the workbook already holds other text, which fill keeps unless told to replace it

## Cross-file checks (validate.rs)

duplicate-output = two outputs would write `{ $stem }.*`
label-second-output = second output
label-first-output = first output
duplicate-output-help = give one of them a different `name:`
unknown-catalog = unknown catalog `{ $catalog }`
label-no-catalog-with-id = no catalog with this ID
unknown-catalog-answers-help = known catalogs: { $catalogs }; a catalog of the project (one `import --write-catalog` wrote) must be in a folder listed under `catalogs:` in checksheet.yaml, e.g. `catalogs: [controls]`
unknown-control = unknown control ID `{ $control }` in catalog { $catalog }
label-not-a-control-of-catalog = not a control of this catalog
help-see-list-controls = see `checksheet list controls { $catalog }`
duplicate-answer = control `{ $control }` is answered twice
label-second-answer = second answer
label-first-answered-here = first answered here
duplicate-answer-help = keep one answer per control; merge the two texts into one
unknown-layout = unknown layout `{ $layout }`
label-not-a-layout = not a layout
help-known-layouts = known layouts: { $layouts }
help-known-catalogs = known catalogs: { $catalogs }
layout-for-other-catalog = layout `{ $layout }` is made for catalog `{ $bound }`, not `{ $asked }`
label-this-output = this output
layout-for-other-catalog-help = remove `catalog:` or use the generic layout `default` for `{ $asked }`
output-needs-catalog = output with layout `{ $layout }` needs a `catalog`
output-needs-catalog-help = add `catalog: <id>`; known catalogs: { $catalogs }
layout-unknown-group = layout `{ $layout }` puts group `{ $group }` on a sheet, but catalog `{ $catalog }` has no such top-level group
label-unknown-group = unknown group
help-top-level-groups = top-level groups: { $groups }
unanswered-basic = { $count } 基本 controls of catalog { $catalog } have no answer: { $shown }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }
unanswered = { $count } controls of catalog { $catalog } have no answer: { $shown }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }
unanswered-help = answer them in a file with `catalog: { $catalog }` (see `checksheet list coverage`); until then their answer cells are empty, or show the layout's `unanswered` text
label-output-of-catalog = output of this catalog
stale-review = control `{ $control }` was last reviewed { $reviewed }, { $age } days before as_of { $as_of }
label-reviewed-more-than = reviewed more than { $days } days ago
stale-review-help = review the answer and update `reviewed:` (policy.review_within_days)
missing-review = control `{ $control }` has no `reviewed` date
label-no-review-date = no review date
missing-review-help = add `reviewed: YYYY-MM-DD` after reviewing the answer (policy.missing_review)

## Characters (chars.rs)

char-look-alike = a { $english } ({ $code }, { $japanese })
char-control = { $code } { $name } (`{ $escape }`)
char-escaped = { $code } (`{ $escape }`)
char-plain = `{ $char }` ({ $code })

## YAML files (yaml.rs)

yaml-file-too-large = file is { $bytes } bytes, over the limit of { $limit } bytes
label-file-too-large = file too large
yaml-file-too-large-help = split the answers into several files (e.g. one per chapter)
yaml-file-empty = file is empty
label-no-yaml-content = no YAML content here
yaml-empty-help = write the file's content, or remove the file
yaml-document-null = file has no content (the document is null)
label-empty-document = empty document
yaml-two-documents = the file holds more than one YAML document
label-second-document = a second document starts here
yaml-two-documents-help = a checksheet file holds one YAML document: remove the `---` separator or split the file
yaml-limit = file exceeds the limit of { $what }
label-limit-reached = limit reached here
yaml-limit-help = checksheet refuses files this large or deep; write the content out plainly
limit-events = more than { $limit } YAML events
limit-nodes = more than { $limit } YAML nodes
limit-depth = nesting deeper than { $limit } levels
limit-aliases = more than { $limit } aliases
limit-replayed = alias expansion beyond { $limit } copied nodes
yaml-complex-key = a mapping key is a list or a mapping
label-key-not-text = this key is not text
yaml-complex-key-help = checksheet keys are text, such as a control ID or a field name
yaml-unknown-anchor = alias to an unknown anchor
label-no-anchor-before = no anchor of this name before here
yaml-merge-not-mapping = a merge key `<<` must hold a mapping or a list of mappings
label-not-a-mapping = not a mapping
yaml-merge-not-mapping-help = write `<<: *anchor` where the anchor names a mapping
yaml-duplicate-key = duplicate key `{ $key }`
label-key-appears-earlier = this key appears earlier in the same mapping
label-first-written-here = first written here
yaml-duplicate-key-help = a key may appear once per mapping: merge the two entries, or rename one
look-alike-expects-space = where YAML expects a space
look-alike-expects-colon = where YAML expects a key's `:`
look-alike-expects-hyphen = where YAML expects a list item's `-`
look-alike-expects-hash = where YAML expects a comment's `#`
look-alike-expects-tilde = where YAML expects `~`
look-alike-expects-invisible = that is invisible and that YAML does not read as white space
look-alike-delete-help = delete the invisible { $english } (U+{ $code }, { $japanese }) — it has no width, so select the text around it and retype it
look-alike-type-help = type a half-width `{ $typed }` (半角) instead of the { $english } (U+{ $code }, { $japanese }){ $colon ->
        [yes] , followed by a space
       *[no] {""}
    }
look-alike = invalid YAML: line { $line } holds { $char } { $expected } (the parser said: { $parser_said })
label-look-alike = { $english } (U+{ $code }) / { $japanese }
yaml-invalid = invalid YAML: { $parser_said }
label-tab-here = tab here
yaml-tab-help = YAML indents with spaces; replace the tab characters with spaces
label-here = here
yaml-unknown-anchor-help = define the anchor (`&name`) before the alias (`*name`) that uses it
yaml-syntax-help = check the quotes, brackets and indentation on and above this line; text containing `: ` or ` #` needs quotes

## Fields of every file format (load/fields.rs)

unknown-field = unknown field `{ $field }` in { $what }
label-not-a-field = not a field of this format
help-did-you-mean-fields = { $suggestion }{ $folded ->
        [yes] {"; "}
       *[no] {" "}
    }allowed fields: { $fields }
help-allowed-fields = allowed fields: { $fields }
missing-field = missing field `{ $field }` in { $what }
label-starts-here = { $what } starts here
missing-field-help = add `{ $field }:`
field-empty = `{ $field }` in { $what } is empty
label-empty = empty
field-empty-help = give `{ $field }` a value
what-key-in = `{ $key }` in { $what }
what-key = `{ $key }`
wrong-type = { $what } must be { $expected }, found { $found }
yaml-kind = { $kind ->
        [text] text
        [list] a list
        [mapping] a mapping
        [number] a number or boolean
       *[null] nothing (null)
    }
label-expected = expected { $expected }
wrong-type-list-help = write a list, even of one item: a `- item` line for each, indented under the key, or `[first, second]` on one line
wrong-type-mapping-help = write `key: value` lines, indented under it
wrong-type-number-help = write the number in digits without quotes, e.g. `3`
wrong-type-text-help = write the text on the line after the key; quote it (`"[…]"`) when it starts with `[`, `{"{"}`, `-`, `&` or `*`, or join a list's items into one text
wrong-type-help = write { $expected } here; `checksheet schema` prints every file format
invalid-id = invalid { $what } ID `{ $id }`
label-invalid-id = IDs must be non-empty, without surrounding spaces, line breaks or invisible characters
invalid-id-help = write the ID as printed in the guideline, e.g. `II.1.1.1` or `1-1`
invalid-date = `{ $text }` is not a valid date for { $what }
label-expected-date = expected a real calendar date, YYYY-MM-DD
invalid-date-help = write e.g. 2026-11-01
invalid-url = `{ $text }` is not an absolute http(s) URL
label-not-a-link = not a link customers can open
invalid-url-help = write the full address, e.g. https://example.com/security
url-bad-char = `{ $text }` holds { $char }, which cannot be part of a link
label-url-bad-char = a link cannot hold this character
url-bad-char-help = percent-encode it as `{ $escaped }` (the address the browser opens is the same)

## What a message is about: parts of the files (what-…), YAML shapes (expected-…), kinds of ID (noun-…)

expected-list = a list
expected-list-of-controls = a list of controls
expected-list-of-groups = a list of groups
expected-list-of-ids = a list of IDs
expected-list-of-outputs = a list of outputs
expected-list-of-pairs = a list of pairs
expected-list-of-tables = a list of tables
expected-list-of-word-lists = a list of word lists
expected-list-of-words = a list of words
expected-mapping-of-control-id-to-answer = a mapping of control ID to answer
expected-mapping-of-each-choice-to-status = a mapping of each choice to a status
expected-mapping-of-scheme-to-list-of-ids = a mapping of scheme to a list of IDs
expected-whole-number = a whole number
noun-control = control
noun-group = group
what-answer = an answer
what-answer-file = an answer file
what-answer-list = the answer list
what-catalog-file = a catalog file
what-catalog-header = the `catalog` header
what-column = a column
what-control = a control
what-group = a group
what-group-row-style = a group row style
what-layout-file = a layout file
what-layout-header = the `layout` header
what-mapping-file = a mapping file
what-mapping-header = the `mapping` header
what-mapping-pair = a mapping pair
what-numbering = numbering
what-output = an output
what-project-file = the project file
what-questionnaire-table = a questionnaire table
what-refs = refs
what-sheet = a sheet
what-thesaurus-file = a thesaurus file
what-thesaurus-header = the `thesaurus` header
what-entry-of = an entry of `{ $key }`
what-keywords-catalog = a catalog ID under `keywords`
what-keywords-control = a control ID under `keywords`
what-keywords-of = the keywords of `{ $id }`

## YAML shapes used by the loaders

expected-mapping = a mapping
expected-list-of-texts = a list of texts
expected-text = text

## Answer files (load/answers.rs)

answers-mapping-help = write `answers:` then one `"<control ID>": <answer>` line per control
empty-answer = control `{ $control }` has an empty answer
label-no-answer-given = no answer given
empty-answer-help = write the answer, or remove the line until it is answered
unknown-status = unknown status `{ $status }` for control `{ $control }`
label-not-a-status = not a status
status-label-help = did you mean `{ $key }` ({ $label })? allowed: { $allowed }
status-did-you-mean-help = did you mean `{ $key }`? allowed: { $allowed }
status-allowed-help = allowed: { $allowed }
answer-without-content = control `{ $control }` has neither `answer` nor `status`
label-nothing-to-show = nothing to show for this control
answer-without-content-help = add `answer:` with the text customers should read
empty-evidence = an `evidence` item of control `{ $control }` is empty
empty-evidence-help = name the document (e.g. `情報セキュリティ基本方針 第3版`) or give its URL, or remove the item
what-answer-to = the answer to `{ $control }`
hidden-control = the { $field } of control `{ $control }` holds { $chars }: { $count ->
        [one] a character
       *[other] characters
    } a reader would not see
label-hidden-control = { $char } in this text
hidden-control-help = delete it (it may have come from a copy of a terminal or a web page); the outputs leave it out, and `checksheet diff` shows it as `\u{"{"}…{"}"}`

## Catalog files (load/catalog.rs)

invalid-catalog-id = invalid catalog ID `{ $id }`
label-catalog-id-chars = catalog IDs use ASCII letters, digits, `.`, `_` and `-`
invalid-catalog-id-help = e.g. `mic-cloud-v3`
unknown-language = unknown language `{ $lang }`
label-not-a-language = not a catalog language
unknown-language-help = languages: ja (Japanese, the default), en (English)
catalog-without-controls = a catalog needs `groups` or `controls`
label-catalog-without-controls = catalog has no controls
catalog-without-controls-help = add `groups:` with the guideline's chapters and their `controls:`
duplicate-group = group ID `{ $id }` appears twice in this catalog
label-second-definition = second definition
label-first-defined-here = first defined here
duplicate-group-help = give each group its own ID
duplicate-control = control ID `{ $id }` appears twice in this catalog
duplicate-control-help = control IDs must be unique in a catalog; `1.10` and `1.1` are different IDs
empty-control = control `{ $id }` has neither `title` nor `text`
empty-control-help = add the guideline's title (対策項目) or requirement (対策内容)
unknown-level = unknown level `{ $level }`
label-not-a-level = not a level
unknown-level-help = allowed levels: 基本, 推奨
duplicate-cells = controls `{ $first }` and `{ $second }` both record row { $row } of sheet `{ $sheet }`
duplicate-cells-help = each question has its own row; import the workbook again to record the rows
label-same-row = the same row as another control
label-first-recorded-here = first recorded here

## The project file (load/project.rs)

invalid-policy-level = `policy.{ $name }` must be off, warning or error, not `{ $value }`
label-not-a-policy-level = not a policy level
invalid-policy-level-help = allowed: off | warning | error
invalid-derive-policy = `policy.derived_answers` must be off, warn or allow, not `{ $value }`
label-not-a-derive-policy = not a derivation policy
invalid-derive-policy-help = allowed: off | warn | allow
invalid-review-days = `policy.review_within_days` must be a whole number of days, not `{ $value }`
label-not-days = not a number of days
invalid-review-days-help = e.g. `review_within_days: 365`
unknown-format = unknown format `{ $format }`
label-not-a-format = not an output format
unknown-format-help = allowed formats: xlsx, md, html
invalid-output-name = output name `{ $name }` is not a plain file name
label-output-name = outputs are written inside the output folder only
invalid-output-name-help = use ASCII letters, digits, `.`, `_` and `-`, not starting with `.` (no `/`, `..` or absolute paths)

## Reading files (files.rs)

file-cannot-read = cannot read `{ $path }`: { $error }
file-outside = `{ $path }` resolves to `{ $resolved }`, outside the project
file-in-git-data = `{ $path }` resolves to `{ $resolved }`, inside a git repository's own data (`.git`)
file-not-regular-link = `{ $path }` (which resolves to `{ $resolved }`) is { $kind }, not a regular file
file-not-regular = `{ $path }` is { $kind }, not a regular file
file-too-large = `{ $path }` is over the limit of { $limit } bytes
help-paths-relative = paths are relative to the folder of checksheet.yaml
file-outside-help = a project reads only files inside { $allowed }; copy the file into the project instead of linking or naming it
file-in-git-data-help = a `.git` folder is never read: it may hold credentials (a CI checkout keeps its token there)
file-not-regular-help = only regular files are read: replace it with the file itself
file-too-large-help = split the file (answers and catalogs may be spread over several files)
file-kind-fifo = a named pipe (FIFO)
file-kind-char-device = a character device
file-kind-block-device = a block device
file-kind-socket = a socket
file-kind-folder = a folder
file-kind-link = a symbolic link
file-kind-regular = a regular file
file-kind-special = a special file
allowed-folder-and-repository = its folder `{ $folder }` and the git repository `{ $repository }` that holds it
allowed-folder = its folder `{ $folder }`

## Projects and their folders (load/mod.rs, pipeline.rs)

project-not-found = no project at `{ $path }`: expected a folder with { $file }, or the path of a project file
duplicate-catalog = catalog `{ $catalog }` is defined twice
duplicate-catalog-help = give each catalog its own `catalog.id`
label-listed-here = listed here
not-utf8 = `{ $file }` is not valid UTF-8
label-invalid-byte = invalid byte at byte offset { $offset }
not-utf8-help = save the file as UTF-8 (Excel's "CSV UTF-8" or your editor's encoding menu); Shift_JIS is not supported
listed-path-missing = `{ $path }` does not exist
listed-path-missing-what = { $what } `{ $path }` does not exist
what-layout-folder = layout folder
not-read = `{ $path }` is not read: { $why }
label-in-this-folder = in this folder
not-read-hidden = hidden files and folders are skipped
not-read-hidden-help = remove it, or rename it without the leading `.` if it should be read
not-read-folder-link = it is a link to a folder, and links to folders are not followed
not-read-folder-link-help = list the folder it links to in checksheet.yaml instead
not-read-too-deep = folders are searched { $depth } levels deep at most
not-read-too-deep-help = move its files up, or list the folder in checksheet.yaml
cannot-create-output-folder = cannot create output folder `{ $path }`: { $error }
cannot-write-file = cannot write `{ $path }`: { $error }
cannot-render = cannot render { $name }: { $message }
cannot-render-help = check the templates of layout `{ $layout }`
write-failed-help = nothing was written; make room on the disk (or raise the file-size limit, `ulimit -f`) and build again

## Questionnaire records of catalogs (load/questionnaire.rs)

plain = { $text }
choices-same = the choices `{ $first }` and `{ $second }` differ only in case or width
label-same-choice = reads as the same choice
choices-same-help = a cell's value is matched to the label map ignoring case and width: keep one of them
choice-empty = an empty choice in `questionnaire.labels`
label-empty-label = empty label
choice-empty-help = write the choice as the questionnaire spells it, e.g. `はい`
choice-without-status = the choice `{ $label }` has no status
label-no-status-given = no status given
choice-unknown-status = unknown status `{ $status }` for the choice `{ $label }`
help-statuses = statuses: { $statuses }
invalid-fingerprint = `{ $value }` is not a questionnaire fingerprint
label-expected-fingerprint = expected 16 lowercase hexadecimal digits
invalid-fingerprint-help = import writes it; import the workbook again rather than editing it
cells-without-answer = `cells` names no cell to answer in
label-cells-without-answer = no `choice`, `answer` or `evidence` column
cells-without-answer-help = add the column letter of the answer cell, e.g. `answer: E`
not-a-column = `{ $text }` is not a column letter
label-expected-column = expected a column as Excel names it, A to XFD
not-a-column-help = e.g. `{ $name }: D`
not-a-row = `{ $name }` must be a row number from 1 to { $max }, found { $found }
label-not-a-row = not a row of a worksheet
not-a-row-help = rows are numbered from 1, as Excel shows them

## Layout folders (load/layout_files.rs)

not-read-not-yaml = only `*.yaml` and `*.yml` files are read
not-read-not-yaml-help = move it out of the project's folders, or give it a `.yaml` name if it is one
layout-folder-not-folder = layout folder `{ $path }` is not a folder
layout-folder-not-folder-help = list the folder that holds layout.yaml, or a folder of such folders
not-read-not-layout-folder = it is not a layout folder (one holding { $file })
not-read-not-layout-folder-help = a folder listed in `layouts` holds layout folders, each with its layout.yaml
not-read-in-layout-folder = a layout folder holds only { $file }, { $templates }
not-read-in-layout-folder-help = move it out of the layout folder
invalid-template = invalid template: { $error }
label-in-this-template = in this template
invalid-template-help = templates use minijinja (Jinja2) syntax, e.g. "{"{{"} organization.name {"}}"} 実施内容"
invalid-template-file = invalid template `{ $file }`: { $error }
duplicate-layout = layout `{ $layout }` is defined twice
duplicate-layout-help = the first is { $first }; give each layout its own `layout.id`

## Layouts and their templates (layout.rs, sheet.rs, render/)

limits-why = a project's own templates are bounded so that a runaway template fails fast instead of running for hours or filling the disk
template-missing = layout `{ $layout }` has no template `{ $file }` and no fallback
template-failed = template `{ $file }` of layout `{ $layout }`: { $error }
template-memory-abort = error[CS0602]: template `{ $file }` of layout `{ $layout }` took more than { $bytes } bytes of memory, the limit for this document ({ $why })
    build failed: nothing was written
template-too-long = template `{ $file }` of layout `{ $layout }` wrote more than { $bytes } bytes, the limit for this document ({ $why })
template-out-of-fuel = template `{ $file }` of layout `{ $layout }` ran more than { $steps } steps, the limit for this document ({ $why })
writer-failed = the xlsx writer failed: { $message }
writer-stopped = the { $format } writer failed
text-template-failed = layout `{ $layout }`: template `{ $source }` { $why }
text-template-help = check the template in { $origin }
template-why-failed = failed: { $error }
text-template-memory-abort = error[CS0503]: layout `{ $layout }`: template `{ $source }` took more than { $bytes } bytes of memory, the limit for one text ({ $why })
template-why-limited = { $why } ({ $limits })
template-why-too-long = wrote more than { $bytes } bytes, the limit for one text
template-why-out-of-fuel = ran more than { $steps } steps, the limit for one text
template-why-budget = went over { $steps } steps, the limit for all of this document's texts together
cell-too-long = control `{ $control }`: the `{ $column }` cell of output { $output } has { $length } characters; an xlsx cell holds at most { $limit }
cell-too-long-help = shorten the text, or move details behind a link
label-this-control = this control
invalid-layout-id = invalid layout ID `{ $id }`
label-layout-id-chars = layout IDs use lowercase ASCII letters, digits and `-`
invalid-layout-id-help = e.g. `mic-annex2`
unknown-column-value = unknown column value `{ $value }`
label-not-a-column-value = not a column value
help-allowed = allowed: { $allowed }
layout-without-columns = a layout needs at least one column
not-a-boolean = `{ $name }` must be true or false, not `{ $value }`
label-not-a-boolean = not a boolean
number-out-of-range = `{ $value }` is not a number from { $min } to { $max }
label-out-of-range = out of range
unknown-numbering = unknown numbering scheme `{ $scheme }`
label-not-a-numbering = not a numbering scheme

## Mappings between catalogs (mapping/)

derivation-conflict = control `{ $control }` of catalog { $catalog } maps to answers that differ in { $parts }: { $answers }
derivation-conflict-help = answer `{ $control }` in a file with `catalog: { $catalog }`, or make the mapped answers agree; checksheet never picks one
label-mapped-answer = { $catalog } { $control }
label-mapped-answer-differs = { $catalog } { $control } differs
derived-answer = control `{ $control }` of catalog { $catalog } takes the answer of { $from } { $controls }
label-answer-used = answer used
derived-answer-help = answer it directly to stop deriving it, or set `policy.derived_answers: allow`
derived-from = { $count } from { $catalog }
derived-answers = { $count ->
        [one] 1 answer
       *[other] { $count } answers
    } of catalog { $catalog } { $count ->
        [one] is
       *[other] are
    } derived through mappings: { $sources }
derived-answers-help = `checksheet list coverage` shows them; answer a control directly to stop deriving it
unknown-pair-status = unknown pair status `{ $status }`
label-not-a-pair-status = not a pair status
unknown-pair-status-help = allowed: confirmed (the default) | suggested (not used until confirmed)
mapping-unknown-catalog = mapping names unknown catalog `{ $catalog }`
label-no-such-catalog = no such catalog
mapping-unknown-control = mapping names `{ $control }`, which catalog { $catalog } does not have
label-in-this-pair = in this pair
keywords-unknown-catalog = thesaurus keywords name unknown catalog `{ $catalog }`
keywords-unknown-control = thesaurus keywords name `{ $control }`, which catalog { $catalog } does not have
label-these-keywords = these keywords
thesaurus-too-few = an entry of `{ $name }` needs at least two words
label-too-few-words = too few words
thesaurus-too-few-help = list the words that are the same, e.g. [多要素認証, 二要素認証, MFA]
thesaurus-blank = a blank word in `{ $name }`
label-blank = blank

## Filling a customer's workbook (fill/)

cannot-fill = cannot fill `{ $name }`: { $why }
fill-catalog-without-cells = catalog { $catalog } records no cells of a workbook: import the questionnaire with `checksheet import { $name } --write-catalog controls/{ $catalog }.yaml` to make a catalog that does
fill-control-without-cells = control `{ $control }` records no cells: it cannot be filled
fill-control-without-cells-help = import the questionnaire again so that every question records its cells
fill-no-such-sheet = the workbook has no such sheet
fill-same-cell = two answers go into this cell (of `{ $first }` and of `{ $second }`)
fill-same-cell-help = give each question its own cells in the catalog's `cells:` (choice, answer and evidence in different columns)
fill-no-status = `{ $control }` has a choice cell but its answer gives no status; the choice was left empty
fill-no-status-help = add `status:` to the answer (the short form `ID: text` gives none)
fill-unknown-question = `{ $question }` is a question the catalog does not have; it was left unanswered
fill-unknown-question-help = the customer added it: import the workbook again (`checksheet import … --write-catalog`) and answer it
fill-language = { $at }: { $count } cell(s) of this English questionnaire get text in Japanese
fill-language-help = answer the questionnaire's own catalog in English (answers with its catalog ID win over derived ones)
fill-not-found = question `{ $control }` is not in the workbook: { $why }
fill-not-found-help = fill the workbook the catalog was imported from, or import this workbook again (`checksheet import … --write-catalog`)
fill-question-nowhere = the cell holds `{ $text }`, and no cell of column { $column } holds the question
fill-question-several = the question is in rows { $rows }, so its place is not clear
fill-moved = question `{ $control }` has moved from row { $from } to row { $to }; it is filled there
fill-moved-help = import the workbook again to record the new rows
fill-merged = the answer cell is merged with a cell of row { $row }, which holds another question's answer; it was not written
fill-refused = the answer cell { $why }
fill-why-formula = holds a formula; it was not replaced
fill-why-locked = is locked on a protected sheet; it was not written
fill-too-long = the answer to `{ $control }` is { $units } characters, more than a cell holds ({ $limit })
fill-no-choice = status `{ $status }` of `{ $control }` was not written: { $why }
fill-no-choice-help = answer with a status one of the cell's choices means, or give such a choice that status in the catalog's `questionnaire.labels`
fill-text-nowhere = the answer text of `{ $control }` has no cell to go in (the questionnaire records no answer column for it)
fill-text-nowhere-help = add `answer:` with the column letter of the comment cell to the control's `cells`
dropdown-unreadable = its dropdown list `{ $formula }` is not a list or a range checksheet can read
dropdown-no-match = the cell's dropdown offers { $values }, and none of them means `{ $status }` in the label map
label-map-no-choice = the label map has no choice for `{ $status }`
no-dropdown-no-label-map = the cell has no dropdown and the catalog has no label map (`questionnaire.labels`) saying which choice to write
fill-vendor-field = the workbook asks for `{ $label }` and the project does not say it; the cell was left empty
fill-vendor-service-help = add `service:` under `organization:` in checksheet.yaml
fill-vendor-contact-help = add `contact:` (the respondent's name) under `organization:` in checksheet.yaml
fill-vendor-locked = the cell for `{ $label }` is locked on a protected sheet; it was not written

## fmt and reading workbooks

cannot-format = cannot format `{ $file }`: { $message }
label-left-unchanged = left unchanged
cannot-format-help = the file was not changed; please report this with the file attached
format-not-a-mapping = the file is not a mapping
format-catalog-not-text = `catalog` is not text
format-answers-not-a-mapping = `answers` is not a mapping
format-unexpected-field = unexpected field `{ $field }`
format-item-not-text = a list item is not text
format-field-holds-mapping = field `{ $field }` holds a mapping
format-canonical-does-not-parse = the canonical form does not parse: { $message }
format-would-change-answer = the canonical form would change an answer
format-would-lose-comment = the canonical form would lose or change a comment
workbook-unreadable = cannot read `{ $name }`: { $why }
workbook-unreadable-help = open it in Excel or LibreOffice and save it as "Excel Workbook (*.xlsx)", then import that copy

## Commands: status lines and errors that stop a run

at-place = { $at }: { $message }
check-no-errors = no errors
build-removed-stale = removed { $path }, left by a build that was stopped
build-failed = build failed: nothing was written
wrote = wrote { $path }
build-no-outputs = the project has no outputs: nothing to write
fmt-needs-valid-project = fmt changes only valid projects: fix the errors above first
fmt-formatted = formatted { $file }
fmt-failed-files = { $count } answer file(s) could not be formatted and were left unchanged
fmt-all-canonical = all answer files are in canonical form
fmt-would-reformat = { $count } answer file(s) would be reformatted; run `checksheet fmt`
fmt-would-reformat-and-failed = { $count } answer file(s) would be reformatted; run `checksheet fmt`; { $failed }
map-needs-valid-catalogs = map needs valid catalogs: fix the errors above first
unknown-catalog-known = unknown catalog `{ $catalog }`; known catalogs: { $catalogs }
map-bad-options = --min-score must be from 0 to 1 and --top at least 1
map-summary = suggested a pair for { $matched } of { $total } controls of { $catalog } ({ $weak } more only as weak candidates); review each and set `status: confirmed`
hint-force = pass --force to replace it
cannot-create-folder = cannot create `{ $path }`: { $error }
file-exists = `{ $path }` exists
file-exists-hint = `{ $path }` exists; { $hint }
coverage-needs-valid-project = coverage needs a valid project: fix the errors above first
list-needs-valid-project = list needs a valid project: fix the errors above first
list-controls-count = { $count } controls
list-any-catalog = (any catalog)
fill-needs-valid-project = fill needs a project without errors: nothing was written
fill-no-catalog = no catalog `{ $catalog }` in the project (catalogs: { $catalogs })
fill-needs-project = fill needs a project (checksheet.yaml) with the answers
fill-out-is-input = `{ $path }` is the workbook being filled: fill never overwrites its input; give another --out
fill-failed = fill failed: nothing was written
fill-out-extension = `{ $path }` would hold a `.{ $extension }` workbook under another extension, which Excel refuses to open: give --out a name ending in `.{ $extension }`
fill-out-not-regular = `{ $path }` exists and is not a regular file (a link, a folder or a device): fill replaces only regular files
fill-outcome-filled = filled
fill-outcome-derived = derived from { $catalog } { $controls }
fill-outcome-empty = empty (no answer)
fill-outcome-conflict = conflict (mapped answers differ)
fill-outcome-not-found = not found
fill-choice-left-empty = {" "}(choice left empty)
fill-report-unknown = { $at }  not in the catalog: { $text }
fill-report-vendor-empty = { $at } ({ $label }) left empty
fill-count = { $questions } questions: { $filled } filled, { $derived } derived, { $empty } empty, { $conflicts } conflicts, { $not_found } not found; { $vendor } vendor field(s) filled{ $choice_empty ->
        [0] {""}
       *[other] ; { $choice_empty } answered with the choice left empty
    }{ $unknown ->
        [0] {""}
       *[other] ; { $unknown } question(s) in the workbook not in the catalog
    }
import-needs-valid-project = import needs a valid project: fix the errors above first
import-failed = import failed: nothing was written
import-wrote = wrote { $path } — { $what }
import-wrote-catalog = catalog { $catalog } ({ $controls } controls, { $groups } groups)
import-wrote-answers = { $answers } answer(s) to catalog { $catalog }
import-list-catalog = note: list the catalog in checksheet.yaml (`catalogs: [{ $folder }]`) to answer { $catalog } in this project
import-file-exists = `{ $path }` exists: nothing was written (use --force to replace it, or --out to write elsewhere)
diff-give-two = give the two answer files or projects to compare (`checksheet diff OLD NEW`), or a git revision (`checksheet diff --git REV [PATH]`)
diff-git-one-path = with --git, give at most one PATH: the project or answer file to compare
diff-failed = diff failed: fix the errors first
diff-working-tree = the working tree
diff-no-differences = no differences between { $old } and { $new }
diff-no-project-at = no project at `{ $path }`
diff-nothing-at = no project or answer file at `{ $path }`
diff-neither = `{ $path }` is neither { $old } nor { $new }
diff-all-added = note: `{ $path }` is not { $at }: every answer counts as added
diff-all-removed = note: `{ $path }` is not { $at }: every answer counts as removed
diff-in-working-tree = in the working tree
diff-at-revision = at { $revision }
diff-top-folder = the top folder of { $revision }
diff-no-project-in = no project in { $folder }: expected a folder with { $file }

## init and man

init-files-exist = not creating a project in `{ $dir }`: { $count ->
        [one] a file exists
       *[other] files exist
    } already: { $files }
init-nothing-written = nothing was written; choose an empty folder, e.g. `checksheet init my-checksheets`
init-created = created { $path }
init-next = next: { $next }
man-failed = cannot render the man page: { $error }

## Importing workbooks (import/)

import-layout-has-no-answer = layout `{ $id }` has no answer column: there is nothing to import
import-layout-shows-neither-number = layout `{ $id }` shows neither a number nor a question: rows cannot be told apart
import-sheet-has-no-header = sheet `{ $name }` has no header row of layout `{ $id }` ({ $header_row }): none of its cells were imported
import-column-hidden-imported = column { $value } is hidden; it was imported
import-control-appears-twice-at = control `{ $id }` appears twice: at { $first } and at { $here }
import-row-hidden-control-imported = row { $value } is hidden; control `{ $id }` was imported from it
import-not-status-control = `{ $value }` is not a status (control `{ $id }`)
import-sheet-header-row-item = sheet `{ $name }`: header row { $value } ({ $value2 }–{ $value3 }), { $items } item row(s) up to row { $end }{ $above }
import-header-row-reads-for = the header row reads { $header_row }; for a workbook in another layout, leave out --layout (and name its columns if they are not detected)
import-has-no-table-layout = `{ $name }` has no table in layout `{ $id }`: no sheet has its header row
import-controls-catalog-have-no = { $missing } of { $len } controls of catalog { $id } have no row in the workbook
import-question-recorded-on-sheet = question `{ $id }` is recorded on sheet `{ $sheet }`, which the workbook does not have
import-cannot-read-workbook = cannot read the workbook: { $why }
import-question-has-moved-from = question `{ $id }` has moved from row { $row } to row { $row2 }; read there
import-question-not-workbook = question `{ $id }` is not in the workbook: { $why }
import-not-choice-label-map = `{ $trim }` is not a choice the label map knows
import-workbook-why = `{ $name }`: { $why }
import-not-imported-heading-with = `{ $value }` was not imported (a heading with no question under it)
import-table-question-not-imported = { $value }: a table of { $items } question(s) was not imported: its columns ({ $value2 }) are not those of the tables imported; to import it on its own: { $value3 }
import-sheet-no-questionnaire-table = sheet `{ $name }`: no questionnaire table; none of its cells were imported
import-sheet-above-table-titles = sheet `{ $name }`: { $value } above the table (titles, notes) were not imported
import-cell-merged-across-rows = the { $name } cell is merged across { $value } rows: each of their questions was given its text
import-column-hidden-imported-2 = column { $value } is hidden; it was imported
import-row-hidden-imported = row { $value } is hidden; it was imported
import-item = { $place }: { $value } — { $count } item(s)
import-dropdown-choice-says-no = the dropdown choice `{ $unknown }` says no status; a cell holding it is an error (give it a meaning in the catalog's `questionnaire.labels`)
import-tables-hold-no-items = the tables of `{ $name }` hold no items (rows with an ID and a question)
import-fill-row-cell-or = fill in the row's { $missing ->
        [id] ID
       *[question] question
    } cell, or check the columns ({ $value2 })
import-answer-row-without-cannot = an answer in a row without { $missing ->
        [id] an ID
       *[question] a question
    }: it cannot be given to any question
import-id-has-line-break = the ID `{ $escape_debug }` has a line break
import-open-workbook-excel-or = open the workbook in Excel or LibreOffice, let it calculate and save it, then import that copy
import-cell-holds-formula-saved = the cell holds a formula saved without its value: its text is unknown
import-choice-cell-holds-text = the choice cell holds text, not a choice (item `{ $id }`): it was imported as the answer
import-not-known-answer-label = `{ $trim }` is not a known answer label (item `{ $id }`)
import-item-numbers-repeat-across = item numbers repeat across sections: each item under a heading got its { $outer ->
        [yes] top-level
       *[no] own
    } section's ID as a prefix (`{ $id }` at { $value2 } is now `{ $value3 }`)
import-id-appears-twice-at = the ID `{ $id }` appears twice: at { $value } and here
import-not-control-catalog = `{ $id }` is not a control of catalog { $id2 }
import-control-appears-twice-at-2 = control `{ $id }` appears twice: at { $value } and here
import-not-imported = `{ $value }{ $more }` was not imported ({ $why })
import-reading-at-cells-catalog = reading `{ $name }` at the cells catalog { $id } records
import-reading-layout-for-catalog = reading `{ $name }` in layout `{ $id }` for catalog { $id2 }
import-reading-as-questionnaire = reading `{ $name }` as a questionnaire
import-sheet-hidden-not-read = sheet `{ $name }` is hidden and was not read (name it with --sheet to import it)
import-sheets = its sheets: { $value }
import-has-no-sheet = `{ $name }` has no sheet `{ $name2 }`; { $hint }
import-known-catalogs = known catalogs: { $known_catalogs }
import-unknown-catalog = unknown catalog `{ $id }`; { $hint }
import-unknown-layout-did-you = unknown layout `{ $layout_id }`; did you mean `{ $s }`?
import-unknown-layout-known-layouts = unknown layout `{ $layout_id }`; known layouts: { $value }
import-layout-made-for-catalog = layout `{ $id }` is made for catalog `{ $bound }`, not `{ $asked }`
import-layout-fits-any-catalog = layout `{ $id }` fits any catalog: name it with --catalog (known catalogs: { $known_catalogs })
import-not-catalog-id-use = `{ $id }` is not a catalog ID: use ASCII letters, digits, `.`, `_` and `-` (--catalog-id)
import-catalog-already-exists-choose = a catalog `{ $id }` already exists ({ $origin }); choose another with --catalog-id, or import answers to it with --catalog { $id }
import-name-catalog = without --layout, name the catalog the answers belong to (--catalog ID) or write the questionnaire as a new catalog (--write-catalog controls/<id>.yaml)
import-label-map-questionnaire-labels = the label map (`questionnaire.labels` in the catalog) knows: { $value }; add the choice there with its status
import-known-choices-or-give = known choices: { $value }; or give the catalog a label map (`questionnaire.labels`)
import-answer-row-without-column = an answer in a row without a { $value } (column { $value2 }): it cannot be given to a control of catalog { $id }
import-not-item-catalog-as = `{ $key }` is not an item of catalog { $id } as layout `{ $id2 }` numbers them: its answer cannot be imported
import-known-labels-or-empty = known labels: { $value } (or empty)
import-allowed-or-empty = allowed: { $value } (or empty)
import-rows-above = ; { $rows } above it (titles, notices) are not answers
import-rows = { $count ->
        [one] row 1
       *[other] rows 1–{ $count }
    }
import-more-like-these = … and { $count } more like these ({ $description })
import-typed-number = the { $what } cell holds the number { $text }: typed as `{ $text }0` or with more zeros, its spelling is lost
import-typed-date = the { $what } cell holds a date, read as `{ $text }`: if text such as `1-1` was typed, Excel turned it into a date
import-typed-help = check the imported text; in the workbook, format such cells as text (@) before typing
import-place-header = sheet `{ $sheet }`, header row { $row }
import-place-no-header = sheet `{ $sheet }` (no header row)
import-refuse-name-columns = name the sheet and columns: --sheet NAME --header-row N --id-col A --question-col B --choice-col C --answer-col D
import-refuse-candidates = the candidates, best first; import one with its options:
import-refuse-candidate = {"  "}{ $n }. { $place }: { $columns } — { $items } item(s), score { $score }{ $fails }
    {"     "}{ $options }
import-no-columns = no columns
import-questions-only = ; no answer column (questions only)
import-fails = ; { $fails }
import-refuse-more = {"  "}… and { $count } more
import-why-a-formula-error-not-a-heading = a formula error, not a heading
import-why-a-notice-not-a-heading = a notice, not a heading
import-why-a-repeated-header-row = a repeated header row
import-why-a-row-of-several-texts-without-an-id = a row of several texts without an ID
import-why-in-no-named-column = in no named column
import-why-not-part-of-any-item = not part of any item
import-why-outside-layout-columns = outside the layout's columns

## list coverage

coverage-derived = , { $count } derived through mappings
coverage-answered = answered
coverage-no-level = (no level)
coverage-status = status
coverage-open = open

## Importing a build's links sheet

import-links-sheet = sheet `{ $name }` is the links sheet of a build: its links are read from the answers

## Why import refuses a workbook

import-why-no-header-row = no row reads as the header of a questionnaire table
import-why-no-table-passes = no table passes the checks
import-why-same-questions = { $first } and { $second } hold the same questions and neither is clearly the one to answer
import-at-sheet = { $workbook }: sheet `{ $sheet }`

## Command-line help (--help): each command and argument, `cli-<command>` and `cli-<command>-arg-<argument>`; the English ones are clap's own (a test keeps them equal)

cli = Compile security checksheet answers kept as YAML into xlsx, Markdown and HTML
cli-arg-lang = Language of messages (default: from LC_ALL, LC_MESSAGES or LANG; `ja*` is Japanese)
cli-build = Validate the project, then write every output (default folder: PROJECT/dist)
cli-build-arg-project = Project folder, or the path of its checksheet.yaml
cli-build-arg-out = Output folder
cli-build-arg-deny_warnings = Fail on warnings as well as errors
cli-build-arg-format = How to print diagnostics
cli-check = Validate the project without writing anything
cli-check-arg-project = Project folder, or the path of its checksheet.yaml
cli-check-arg-deny_warnings = Fail on warnings as well as errors
cli-check-arg-format = How to print diagnostics
cli-fmt = Rewrite answer files in canonical form (catalog order, stable quoting), keeping every comment
cli-fmt-arg-project = Project folder, or the path of its checksheet.yaml
cli-fmt-arg-check = Change nothing; list the files that would change and exit 1 if there are any
cli-init = Create a new project: checksheet.yaml, an example answer file, .gitignore, schemas
cli-init-arg-dir = Folder of the new project (created if missing; existing files are never replaced)
cli-schema = Print the JSON Schema of a file kind, for editors (yaml-language-server)
cli-schema-arg-kind = The file kind
cli-completions = Print a shell completion script
cli-completions-arg-shell = The shell
cli-man = Print the man page (roff)
cli-diff = Compare the answers of two answer files, projects, or git revisions, per control
cli-diff-arg-paths = OLD and NEW: answer files, or projects (a folder with checksheet.yaml, or a project file). With --git: at most one, the project or answer file to compare (default .)
cli-diff-arg-git = Compare a git revision of PATH with the working tree (REV), two revisions (A..B), or B with its merge base with A (A...B)
cli-diff-arg-format = Output: coloured text for a terminal, Markdown for a pull-request comment, or JSON
cli-diff-arg-color = Colours in text output (auto: only on a terminal and without NO_COLOR)
cli-diff-arg-exit_code = Exit 1 when the answers differ
cli-import = Read answers from an existing workbook (xlsx) into answer YAML, in a built-in or project layout, or from any questionnaire (optionally writing it as a new catalog)
cli-import-arg-file = The workbook to read (.xlsx)
cli-import-arg-layout = The layout the workbook is in (default, mic-annex2, monocone, skyarch, melcol, or a project's); leave out for a questionnaire in any other layout
cli-import-arg-catalog = The catalog the answers belong to (default: the layout's catalog)
cli-import-arg-project = A project whose catalogs and layouts to use; answers go to its answers folder
cli-import-arg-out = The answer file to write (default: answers/imported-<catalog>.yaml); `-` prints it
cli-import-arg-force = Replace the answer file (and catalog file) if they exist
cli-import-arg-sheets = Read only this sheet (repeatable; hidden sheets are read only when named)
cli-import-arg-header_row = The header row (1-based) instead of searching for it
cli-import-arg-id_col = Column of the item ID / number (letters, e.g. A)
cli-import-arg-question_col = Column of the question (確認内容 / 質問)
cli-import-arg-title_col = Column of the item title (項目)
cli-import-arg-category_col = Column of the category (分類 / Category / Domain); its values become groups
cli-import-arg-answer_col = Column of the free-text answer (補足説明 / 回答内容 / Comments)
cli-import-arg-choice_col = Column of the choice answer (はい / いいえ, ○ / ×, Yes / No, 実施済 …), read as the status
cli-import-arg-evidence_col = Column of the evidence (証跡 / 根拠資料 / Evidence)
cli-import-arg-note_col = Column of remarks kept as each answer's internal `note` (備考)
cli-import-arg-write_catalog = Also write the questionnaire as a new catalog to this file (controls/<id>.yaml)
cli-import-arg-catalog_id = ID of the new catalog (default: from the file name)
cli-import-arg-catalog_title = Title of the new catalog (default: the text above the table)
cli-import-arg-list_prefix = Read answers whose lines start with this prefix as lists (default: the layout's checkbox; `""` reads every answer as text)
cli-import-arg-split_links = Make URL lines at the end of a text answer its `links` (default: they stay text)
cli-import-arg-deny_warnings = Write nothing if there are warnings
cli-fill = Write the project's answers into a customer's own workbook, changing only its answer cells
cli-fill-arg-workbook = The customer's workbook (.xlsx or .xlsm), as the catalog was imported from
cli-fill-arg-catalog = The catalog imported from this workbook (`import --write-catalog`)
cli-fill-arg-project = Project folder, or the path of its checksheet.yaml
cli-fill-arg-out = Where to write the filled workbook (default: PROJECT/dist/<the workbook's name>)
cli-fill-arg-force = Replace the output file if it exists
cli-fill-arg-overwrite = Replace what the workbook's answer cells already hold (an earlier answer, a placeholder); without it such cells are kept and reported
cli-fill-arg-check = Write nothing; exit 1 while a question would be left empty, keep its choice empty, or is not in the catalog (for CI)
cli-fill-arg-format = How to print the report and diagnostics
cli-map = Mappings between catalogs: suggest one for a new questionnaire
cli-map-suggest = Propose, for each control of FROM, the controls of TO that ask the same (by their texts, the project's answers, pairs confirmed before and ISO/IEC 27001 Annex A refs), as a mapping file of `status: suggested` pairs for a person to review
cli-map-suggest-arg-from = The catalog to map (e.g. one imported from a customer's workbook)
cli-map-suggest-arg-to = The catalog the project answers (e.g. mic-cloud-v3)
cli-map-suggest-arg-project = Project whose catalogs are searched besides the built-in ones
cli-map-suggest-arg-top = Candidates listed per control (as comments; the best becomes the pair)
cli-map-suggest-arg-min_score = Lowest score (0–1) worth listing as a candidate (pairs need a confident one)
cli-map-suggest-arg-out = Write the mapping file here instead of printing it
cli-map-suggest-arg-force = Replace an existing --out file
cli-list = List catalogs, layouts, or the controls of a catalog
cli-list-catalogs = Catalogs: built-in ones, plus the project's with --project
cli-list-layouts = Layouts: built-in ones, plus the project's with --project
cli-list-coverage = Answered / total per output catalog, by level and by status, and what is still open
cli-list-coverage-arg-project = Project folder, or the path of its checksheet.yaml
cli-list-coverage-arg-json = Print JSON instead of text
cli-list-controls = The controls of one catalog, in order

## diff's text and Markdown

diff-count = { $count } { $kind ->
        [added] added
        [removed] removed
       *[changed] changed
    }
diff-summary = { $count } { $count ->
        [one] control differs
       *[other] controls differ
    } ({ $parts })
diff-kind = { $kind ->
        [added] added
        [removed] removed
       *[changed] changed
    }
diff-none = (none)
diff-reordered = { $list } (reordered)
diff-md-heading = Checksheet answers: { $old } → { $new }
diff-md-no-differences = No differences.
diff-md-omitted = _… and { $count } { $count ->
        [one] more control
       *[other] more controls
    } not shown here: the comment would be longer than GitHub allows. Run `checksheet diff` for the full list._
diff-md-columns = control | change | details
diff-md-internal = _(internal note, not shown)_

## diff's Markdown summary

diff-md-summary = { $summary }.

## How import describes the tables it detects

import-fail-no-id = no ID column
import-fail-id-column = its ID column does not hold short distinct IDs
import-fail-no-question = no question column
import-fail-question-column = its question column does not hold sentences
import-fail-short-questions = its questions are shorter than its IDs
import-fail-formulas = its answer cells are formulas (a copy of answers given elsewhere)
import-fail-no-item = no item (a row with an ID and a question)
import-fail-row-empty = row { $row } is empty
import-fail-row-not-header = row { $row } names no column (not a header row)
import-column-role = { $role } = { $column }{ $header }
import-role = { $role ->
        [ID] ID
        [title] title
        [category] category
        [question] question
        [choice] choice
        [answer] answer
        [evidence] evidence
       *[note] note
    }

## Why a workbook cannot be read (fill/package.rs)

workbook-too-large = it is { $bytes } bytes, over the limit of { $limit } bytes
workbook-encrypted = it is password-protected (encrypted) or an old .xls file: remove the password, or save it as "Excel Workbook (*.xlsx)", and use that copy
workbook-not-zip = it is not an xlsx workbook (an xlsx file is a zip archive): { $error }
workbook-part-encrypted = its part `{ $part }` is encrypted: remove the password and save it again
workbook-duplicate-parts = its directory lists { $count } parts but only { $names } distinct names, so some part is in it twice and which copy applications read is not clear: open it in Excel or LibreOffice and save it again
workbook-parts-too-large = its parts would take { $bytes } bytes decompressed, over the limit of { $limit }

## diff's label of the working tree

diff-working-tree-label = working tree

## Damaged workbooks (fill/, import/workbook.rs)

xlsx-shared-strings-invalid = the shared strings are not valid ({ $error })
xlsx-sheet-unreadable = sheet `{ $sheet }` cannot be read: { $error }
xlsx-styles-invalid = the styles part is not valid XML ({ $error })
xlsx-sheet-error = sheet `{ $sheet }`: { $error }
xlsx-no-sheet-data = the sheet has no <sheetData> element
xlsx-bad-row-number = a row's number `{ $value }` is not a row number
xlsx-rows-past = it has rows past row { $max }
xlsx-bad-cell-reference = a cell's reference `{ $value }` is not a cell of a sheet
xlsx-ends-inside-cells = its XML ends inside its cells: the file is damaged
xlsx-at-byte = at byte { $byte }: { $error }
xlsx-part-invalid = `{ $part }` is not valid XML ({ $error })
xlsx-part-ends-inside = the part ends inside an element
xlsx-ends-inside-string = its XML ends inside a string: the file is damaged
xlsx-shared-string-error = shared string { $index }: { $error }
xlsx-part-unreadable = part { $index } cannot be read: { $error }
xlsx-part-error = part `{ $part }`: { $error }
xlsx-cell-error = cell { $cell }: { $error }
xlsx-missing-shared-string = it names shared string `{ $value }`, which the workbook does not have
xlsx-no-sheets-element = the workbook part has no <sheets> element
xlsx-edited-part-not-well-formed = the edited part `{ $part }` would not be well-formed XML ({ $error }); nothing was written
xlsx-part-too-large = part `{ $part }` is over { $limit } bytes decompressed
xlsx-text-too-long = a text of more than { $max } characters, longer than a cell can hold (it begins `{ $begins }…`)
xlsx-too-many-shared-strings = it has more than { $max } shared strings
xlsx-too-many-rows = it has more than { $max } row elements, more than a sheet has rows
xlsx-too-many-cells = it has more than { $max } cells (the limit import has too)
xlsx-cell-in-other-row = cell { $cell } is written in row { $row }: the sheet's rows and cells disagree, so its cells cannot be placed safely
xlsx-cell-out-of-order = cell { $cell } comes after cell { $before } in row { $row }: a row's cells are written once each, in column order, so the sheet cannot be read safely
xlsx-cell-without-reference = row { $row } has cells without a reference (`r`), so a cell cannot be added to it safely
xlsx-same-cell-twice = two edits of the same cell

## git revisions for diff (diff/git.rs)

git-cannot-run = cannot run git: { $error }
git-no-current-folder = cannot read the current folder: { $error }
git-outside-root = `{ $path }` is outside the file system root
git-not-a-repository = `{ $path }` is not in a git repository ({ $error })
git-not-a-revision = `{ $revision }` is not a git revision
git-unknown-revision = unknown git revision `{ $revision }`
git-no-merge-base = `{ $a }` and `{ $b }` have no merge base
git-no-temporary-folder = cannot create a temporary folder: { $error }
git-no-temporary-file = cannot write a temporary file: { $error }
git-cannot-write = cannot write to git
git-cannot-read = cannot read from git
git-unexpected-answer = unexpected answer from `git cat-file`: { $what }
git-blob-ends-early = unexpected answer from `git cat-file`: a blob ends early
git-cat-file-failed = unexpected answer from `git cat-file`: git failed

## Column options of import

import-not-a-column = `{ $text }` is not a column: use letters such as A, D or AB

## Merged from main: a held answer cell, a lone carriage return

fill-cell-held = the answer cell already holds `{ $held }`; it was kept, and the answer to `{ $control }` was not written there
fill-cell-held-help = pass --overwrite to replace what answer cells hold (an earlier answer or a placeholder such as 選択してください)
yaml-lone-carriage-return = a carriage return (U+000D) without a line feed after it: YAML reads a line break here, but editors and `git diff` show what follows on the same line
label-hidden-line-break = hidden line break
yaml-lone-carriage-return-help = save the file with LF (or CRLF) line endings, and check the lines around it

## Merged from main: a catalog's answer cell over a question's own column

cells-over-question = control `{ $control }`: `{ $field }: { $column }` is the { $role } column of sheet `{ $sheet }`, which fill would write over
cells-over-question-help = give the column of the cell the customer leaves for the answer (import the workbook again to record it)
label-cells-over-question = an answer written into the customer's own text

## Merged from main: a workbook part with a document type

xlsx-doctype = part `{ $part }` declares a document type (<!DOCTYPE …>), which Excel never writes and whose entities would change the text read: open the file in Excel or LibreOffice and save it again

## Merged from main: a formula error value, an unwritable output folder

import-typed-error = the { $what } cell holds the error value `{ $text }` of a formula that failed in the workbook; it was imported as that text
write-not-writable-help = nothing was written; make the output folder writable (or give `--out` a folder that is) and build again

## Merged from main: a dist folder that leads out of the project

output-folder-outside = the output folder { $error }: nothing was written; remove the link, or name a folder with --out

## Merged from main: a question on a hidden row or sheet

fill-hidden-question = the question of `{ $control }` is on a hidden { $hidden ->
        [sheet] sheet
       *[row] row
    }; its answer is written there

cli-diff-after-help = Examples:
      checksheet diff old/answers/saas.yaml answers/saas.yaml
      checksheet diff --git origin/main                  # the project in . at origin/main vs the working tree
      checksheet diff --git HEAD~3..HEAD --format json
      checksheet diff --git origin/main...HEAD --format markdown > comment.md

    Exit codes: 0 compared (1 with --exit-code when anything differs); 1 either side has errors; 2 the command could not run.
cli-import-after-help = Examples:
      checksheet import old/skyarch.xlsx --layout skyarch --out answers/skyarch.yaml
      checksheet import dist/default-mic-cloud-v3.xlsx --layout default --split-links --out -
      checksheet import acme.xlsx --write-catalog controls/acme.yaml --out answers/acme.yaml
      checksheet import acme.xlsx --sheet 質問票 --header-row 4 --id-col A --question-col C --answer-col D --write-catalog controls/acme.yaml

    Cells that are not imported, hidden rows and sheets, merged answers and numbers or dates
    where text was meant are reported with their sheet and cell. Nothing is written if there is
    an error (or a warning, with --deny-warnings), and no file is replaced without --force.

    Exit codes: 0 written; 1 the workbook has errors (nothing written); 2 the command could not run.

## The command line's own words (clap): help headings, flags, value lists, argument errors
clap-usage-heading = Usage:
clap-commands-heading = Commands
clap-arguments-heading = Arguments
clap-options-heading = Options
clap-print-help = Print help
clap-print-version = Print version
clap-help-command = Print this message or the help of the given subcommand(s)
clap-default-value = [default: { $value }]
clap-possible-values = [possible values: { $values }]
clap-subcommands = [subcommands: { $values }]
clap-try-help = For more information, try '{ $flag }'.
clap-unexpected-argument = unexpected argument '{ $arg }' found
clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-value-required = a value is required for '{ $arg }' but none was supplied
clap-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
clap-no-equals = equal sign is needed when assigning values to '{ $arg }'
clap-invalid-subcommand = unrecognized subcommand '{ $name }'
clap-missing-subcommand = '{ $name }' requires a subcommand but one was not provided
clap-missing-required = the following required arguments were not provided:
clap-argument-repeated = the argument '{ $arg }' cannot be used multiple times
clap-argument-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
clap-argument-conflict-many = the argument '{ $arg }' cannot be used with:
clap-argument-conflict-any = the argument '{ $arg }' cannot be used with one or more of the other specified arguments
clap-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
clap-tip = tip: { $tip }
clap-similar = { $count ->
        [one] a similar { $what } exists: { $values }
       *[other] some similar { $what }s exist: { $values }
    }
clap-tip-as-value = to pass '{ $arg }' as a value, use '{ $escaped }'
clap-tip-remove-dashes = subcommand '{ $name }' exists; to use it, remove the '--' before it
clap-tip-exists = '{ $name }' exists
