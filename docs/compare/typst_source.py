"""A handout's YAML as a Typst document: the same text, in the same fonts and language.

Every piece of text goes into Typst as a string literal, never as markup, so nothing in a
handout (`*`, `#`, `$`, `_`, `<`) is read as Typst syntax; `**bold**` becomes `strong(...)`.
The look follows the standard edition loosely (sizes, colours, a header band, a footer); what
matters is that each word is set by Typst's own shaper, line breaker and bidi.
"""

import pathlib

import yaml

# The brand's fonts, then the fallbacks the tool uses, in the tool's order.
FONTS = ("Atkinson Hyperlegible", "Noto Sans", "Noto Sans Arabic", "Noto Sans SC")
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"}
# The tool's words in English and Spanish, for a checkout without data/languages.yaml.
BUILT_IN = {
    "en": {
        "page_of": "Page {n} of {m}",
        "call_clinic": "Call {clinic}:",
        "qr_caption": "Scan for more",
    },
    "es": {
        "page_of": "Página {n} de {m}",
        "call_clinic": "Llame a {clinic}:",
        "qr_caption": "Escanee para más información",
    },
}
# Lengths of the standard edition (src/layout/style.rs, lengths.rs), in points.
SIZES = {"body": 13, "title": 26, "subtitle": 15, "heading": 18, "footer": 10}


def lit(text):
    """`text` as a Typst string literal."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "") + '"'


def rich(text):
    """Text with `**bold**` spans as a Typst expression: `rich("a ", ("bold",), " b")`."""
    parts = []
    for i, piece in enumerate(str(text).split("**")):
        if piece:
            parts.append(f"({lit(piece)},)" if i % 2 else lit(piece))
    return f"rich({', '.join(parts)})" if parts else "[]"


def styled(text, size=None, fill="primary", bold=True):
    """A plain string in the given size, colour and weight, as a Typst `text(...)` call."""
    weight = 'weight: "bold", ' if bold else ""
    size = f"size: {size}pt, " if size else ""
    return f"text({weight}{size}fill: {fill}, {lit(text)})"


def primary(tag):
    return (tag or "en-US").split("-")[0].lower()


def tool_words(data_path, tag):
    """The tool's own words for the language `tag`, as data/languages.yaml gives them (exact
    tag, else the longest tag it starts with, else a whole `also` alias), else built in."""
    tag = tag or "en-US"
    entries = []
    if pathlib.Path(data_path).is_file():
        with open(data_path, encoding="utf-8") as f:
            entries = (yaml.safe_load(f) or {}).get("languages") or []
    low = tag.lower()
    best = None
    for entry in entries:
        t = str(entry.get("tag", "")).lower()
        fits = low == t or low.startswith(t + "-")
        if fits and (best is None or len(t) > len(best["tag"])):
            best = entry
    best = best or next((e for e in entries if low in map(str.lower, e.get("also", []))), None)
    if best is None:
        best = dict(BUILT_IN.get(primary(tag), BUILT_IN["en"]))
        best["direction"] = "rtl" if primary(tag) in RIGHT_TO_LEFT else "ltr"
    return best


def language(tag):
    """`#set text(...)` arguments for a BCP 47 tag: the language, and a region if one."""
    parts = (tag or "en-US").split("-")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    args = f"lang: {lit(parts[0].lower())}"
    return args + (f", region: {lit(region.upper())}" if region else "")


def brand_texts(brand, tag):
    """The brand's tagline and disclaimer in the handout's language (exact tag, else the
    primary subtag), else its own."""
    texts = brand.get("languages") or {}
    own = texts.get(tag) or texts.get(primary(tag)) or {}
    return own.get("tagline", brand.get("tagline")), own.get("disclaimer", brand.get("disclaimer"))


def preamble(handout, brand, words):
    tag = handout.get("lang") or "en-US"
    rtl = words.get("direction") == "rtl"
    paper = "a4" if str(brand.get("page_size", "letter")).lower() == "a4" else "us-letter"
    colors = brand.get("colors") or {}
    fonts = ", ".join(lit(f) for f in FONTS)
    lines = [
        "// Made by docs/compare/typst_compare.py from a handout's YAML.",
        f"#let primary = rgb({lit(colors.get('primary', '#2E6B30'))})",
        f"#let accent = rgb({lit(colors.get('accent', '#E7F2E4'))})",
        '#let ink = rgb("#1a1a1a")',
        (
            "#let rich(..parts) = parts.pos().map(p => if type(p) == array { strong(p.at(0)) }"
            " else { p }).join()"
        ),
        (
            f"#set text({language(tag)}, font: ({fonts}), size: {SIZES['body']}pt, fill: ink"
            + (", dir: rtl)" if rtl else ")")
        ),
        "#set par(leading: 0.55em, spacing: 1.2em)",
        "#set block(spacing: 1.2em)",
        '#set list(marker: text(fill: primary, weight: "bold")[•], body-indent: 8pt)',
        '#set enum(numbering: n => text(fill: primary, weight: "bold")[#n.], body-indent: 8pt)',
        (
            f"#set page(paper: {lit(paper)}, margin: (x: 36pt, top: 36pt, bottom: 84pt),"
            f" footer: {footer(handout, brand, words)})"
        ),
    ]
    return "\n".join(lines)


def footer(handout, brand, words):
    """The footer: contact line and "Page N of M" in the tool's words, then the disclaimer."""
    contact = " · ".join(str(brand[k]) for k in ("phone", "website", "address") if brand.get(k))
    disclaimer = handout.get("disclaimer") or brand_texts(brand, handout.get("lang"))[1] or ""
    page_of = lit(words["page_of"])
    label = (
        f'{page_of}.replace("{{n}}", str(counter(page).get().first()))'
        f'.replace("{{m}}", str(counter(page).final().first()))'
    )
    return (
        f"context text(size: {SIZES['footer']}pt)[#line(length: 100%, stroke: 0.75pt + primary)"
        f" #grid(columns: (1fr, auto), {lit(contact)}, strong({label}))"
        f" #v(-4pt) #{lit(disclaimer)}]"
    )


def header(brand, tag, pictures):
    """The brand band: logo, clinic name and tagline (the QR code is left out)."""
    tagline = brand_texts(brand, tag)[0]
    logo = f"image({lit(pictures['logo'])}, height: 44pt)" if "logo" in pictures else "[]"
    name = f'text(fill: white, weight: "bold", size: 19pt, {lit(brand.get("clinic", ""))})'
    tag_line = f"text(fill: white, size: 12pt, {lit(tagline)})" if tagline else "[]"
    return (
        "#block(width: 100%, fill: primary, inset: 12pt)[#grid(columns: (auto, 1fr),"
        f" column-gutter: 12pt, align: horizon, {logo}, [#{name} \\ #{tag_line}])]"
    )


def title(handout):
    out = [
        "#pad(x: 18pt)[",
        f"#block({styled(handout['title'], SIZES['title'])})",
    ]
    if handout.get("subtitle"):
        out.append(
            f"\n#block({styled(handout['subtitle'], SIZES['subtitle'], 'luma(80)', bold=False)})"
        )
    out.append("\n#line(length: 100%, stroke: 3pt + accent)]")
    return "".join(out)


def document(handout, brand, words, pictures):
    """The whole Typst source for `handout`."""
    rtl = words.get("direction") == "rtl"
    body = [
        block(b, i, brand, words, pictures, rtl) for i, b in enumerate(handout.get("blocks") or [])
    ]
    return (
        "\n\n".join(
            [
                preamble(handout, brand, words),
                header(brand, handout.get("lang"), pictures),
                title(handout),
                "#pad(x: 18pt)[\n" + "\n\n".join(body) + "\n]",
            ]
        )
        + "\n"
    )


def block(b, index, brand, words, pictures, rtl):
    """One block of the handout as Typst: the same kinds the tool knows (src/model)."""
    ((kind, value),) = b.items()
    if kind == "heading":
        return f"#block({styled(value, SIZES['heading'])})"
    if kind == "text":
        return f"#par({rich(value)})"
    if kind in ("bullets", "steps"):
        items = ", ".join(rich(v) for v in value)
        return f"#{'list' if kind == 'bullets' else 'enum'}({items})"
    if kind == "checklist":
        return checklist(value)
    if kind == "columns":
        lists = [", ".join(rich(i) for i in c["items"]) for c in value]
        titles = [styled(c["title"]) for c in value]
        cells = ", ".join(f"[#{t} #list({items})]" for t, items in zip(titles, lists))
        return f"#grid(columns: ({'1fr, ' * len(value)}), column-gutter: 24pt, {cells})"
    if kind == "fields":
        return fields(value)
    if kind == "note":
        return note(value, brand, words, rtl)
    if kind == "notes":
        rules = " ".join(["#v(18pt) #line(length: 100%, stroke: 0.75pt + luma(150))"] * 3)
        return f"#block({styled(value)}) {rules}"
    if kind == "image":
        alt = f", alt: {lit(value['alt'])}" if value.get("alt") else ""
        return f"#align(center, image({lit(pictures[index])}, width: 50%{alt}))"
    return f"// unknown block `{kind}` left out"


def checklist(c):
    columns = c.get("columns") or []
    check = "box(width: 12pt, height: 12pt, stroke: 0.75pt + ink)"
    head = [f"strong({lit(c.get('label') or '')})"] + [f"strong({lit(x)})" for x in columns]
    rows = []
    for item in c.get("items") or []:
        rows.append(", ".join([rich(item)] + [check] * len(columns)))
    return (
        f"#table(columns: (1fr,{' auto,' * len(columns)}),"
        " stroke: (x, y) => (bottom: 0.5pt + luma(200)),"
        " align: (x, y) => if x == 0 { start + horizon } else { center + horizon },"
        " fill: (x, y) => if y == 0 { accent },"
        f" table.header({', '.join(head)}), {', '.join(rows)})"
    )


def fields(labels):
    cells = []
    for label in labels:
        cells.append(lit(label))
        cells.append("box(width: 100%, height: 1em, stroke: (bottom: 0.75pt + ink))")
    return (
        f"#grid(columns: ({'auto, 1fr, ' * len(labels)}), column-gutter: 8pt, {', '.join(cells)})"
    )


def note(n, brand, words, rtl):
    """The tinted box, with its bar on the side lines start from."""
    bar = "right" if rtl else "left"
    parts = [f'#text(weight: "bold", {lit(n["title"])})', f"#par({rich(n['text'])})"]
    if n.get("contact"):
        call = words["call_clinic"].replace("{clinic}", str(brand.get("clinic", "")))
        parts.append(f"#strong({lit(call)}) #{lit(brand.get('phone', ''))}")
    inside = "\n".join(parts)
    return (
        f"#block(width: 100%, fill: accent, inset: 12pt, stroke: ({bar}: 4pt + primary))[\n"
        f"{inside}\n]"
    )
