#!/usr/bin/env python3
"""Side by side with Typst: one handout as `handout` prints it and as Typst sets the same text.

A visual check of shaping and order (issue 15), not of layout identity: for each page, one PNG
with our page on the left and Typst's on the right, so the same words can be compared for the
same glyph shapes, joining, marks and order. Typst is given the same fonts in the same order
(Atkinson Hyperlegible, then Noto Sans, Noto Sans Arabic, Noto Sans SC, from fonts/ only, no
system fonts), the handout's language (`#set text(lang: ...)`, right to left for Arabic) and
US Letter or A4 paper as the brand says.

Usage (from the repository root; Python packages in a venv, poppler's pdftoppm on PATH):

    python3 -m venv /tmp/compare-venv
    /tmp/compare-venv/bin/pip install typst pillow pyyaml
    cargo build --release
    /tmp/compare-venv/bin/python docs/compare/typst_compare.py HANDOUT.yaml OUT_DIR

    options: --ours PDF     compare this PDF instead of building one with target/release/handout
             --bin PATH     the handout binary to build with
             --dpi N        resolution of the pictures (default 80)
             --keep         also leave the Typst source and both PDFs in OUT_DIR

Writes OUT_DIR/STEM-page-N.png for every page (a page only one side has is shown beside an
empty one) and prints their paths. See docs/compare/README.md.
"""

import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile

import yaml
from PIL import Image, ImageDraw, ImageFont

import typst_source

REPO = pathlib.Path(__file__).resolve().parents[2]
FONTS = REPO / "fonts"


def main():
    args = arguments()
    handout_path = pathlib.Path(args.handout).resolve()
    out_dir = pathlib.Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    handout = read_yaml(handout_path)
    brand_path = find_brand(handout_path)
    brand = read_yaml(brand_path)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        ours = pathlib.Path(args.ours) if args.ours else build_ours(args.bin, handout_path, tmp)
        theirs = build_typst(handout, handout_path, brand, brand_path, tmp)
        stem = handout_path.stem
        left = render(ours, tmp / "ours", args.dpi)
        right = render(theirs, tmp / "typst", args.dpi)
        written = side_by_side(left, right, out_dir, stem)
        if args.keep:
            shutil.copy(tmp / "typst" / "handout.typ", out_dir / f"{stem}.typ")
            shutil.copy(ours, out_dir / f"{stem}-ours.pdf")
            shutil.copy(theirs, out_dir / f"{stem}-typst.pdf")
    for path in written:
        print(path)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("handout", help="a handout YAML file")
    parser.add_argument("out_dir", help="folder for the side-by-side PNGs")
    parser.add_argument("--ours", help="our PDF of the handout, instead of building it")
    parser.add_argument("--bin", help="the handout binary (default: target/release/handout)")
    parser.add_argument("--dpi", type=int, default=80, help="resolution of the pictures")
    parser.add_argument("--keep", action="store_true", help="keep the Typst source and PDFs")
    return parser.parse_args()


def read_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def find_brand(handout_path):
    """The nearest brand.yaml in the handout's folder or above it, as the tool finds it."""
    for folder in handout_path.parents:
        candidate = folder / "brand.yaml"
        if candidate.is_file():
            return candidate
    sys.exit(f"no brand.yaml beside {handout_path} or above it")


def build_ours(binary, handout_path, tmp):
    """Builds the handout with our tool into `tmp/ours-pdf` and returns the PDF's path."""
    binary = pathlib.Path(binary) if binary else REPO / "target" / "release" / "handout"
    if not binary.is_file():
        sys.exit(f"{binary} not found: run `cargo build --release`, or give --bin or --ours")
    out = tmp / "ours-pdf"
    done = subprocess.run(
        [str(binary), "build", str(handout_path), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    pdfs = sorted(out.rglob("*.pdf"))
    if done.returncode != 0 or len(pdfs) != 1:
        sys.exit(f"handout build failed:\n{done.stderr}")
    return pdfs[0]


def build_typst(handout, handout_path, brand, brand_path, tmp):
    """Writes the Typst document (with copies of the pictures it shows) and compiles it."""
    import typst  # imported here so --help works without the package

    folder = tmp / "typst"
    folder.mkdir()
    pictures = {}
    logo = brand.get("logo")
    if logo:
        pictures["logo"] = copy_picture(brand_path.parent / logo, folder, "logo")
    for i, block in enumerate(handout.get("blocks") or []):
        if isinstance(block, dict) and "image" in block:
            source = handout_path.parent / block["image"]["path"]
            pictures[i] = copy_picture(source, folder, f"image-{i}")
    words = typst_source.tool_words(REPO / "data" / "languages.yaml", handout.get("lang"))
    source = typst_source.document(handout, brand, words, pictures)
    (folder / "handout.typ").write_text(source, encoding="utf-8")
    pdf = folder / "handout.pdf"
    try:
        _, warnings = typst.compile_with_warnings(
            str(folder / "handout.typ"),
            output=str(pdf),
            root=str(folder),
            font_paths=[str(FONTS)],
            ignore_system_fonts=True,
        )
    except typst.TypstError as e:
        sys.exit(f"Typst could not compile the handout:\n{e}")
    for w in warnings:
        print(f"typst: {w}", file=sys.stderr)
    return pdf


def copy_picture(source, folder, name):
    """Copies a picture beside the Typst source (Typst reads only below its root)."""
    target = folder / f"{name}{source.suffix.lower()}"
    shutil.copy(source, target)
    return target.name


def render(pdf, prefix, dpi):
    """Renders every page of `pdf` with pdftoppm; returns the PNGs in page order."""
    prefix.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix / "page")], check=True)
    pages = sorted(prefix.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return pages


def side_by_side(left, right, out_dir, stem):
    """One PNG per page: ours on the left, Typst's on the right, each under its name."""
    written = []
    for n in range(max(len(left), len(right))):
        a = Image.open(left[n]).convert("RGB") if n < len(left) else None
        b = Image.open(right[n]).convert("RGB") if n < len(right) else None
        w = max(img.width for img in (a, b) if img)
        h = max(img.height for img in (a, b) if img)
        gap, label = 16, 24
        sheet = Image.new("RGB", (2 * w + 3 * gap, h + label + 2 * gap), "#b0b0b0")
        draw = ImageDraw.Draw(sheet)
        font = ImageFont.truetype(str(FONTS / "AtkinsonHyperlegible-Bold.ttf"), 16)
        for i, (img, name) in enumerate([(a, "handout"), (b, "Typst")]):
            x = gap + i * (w + gap)
            draw.text((x, gap // 2), f"{name} — page {n + 1}", fill="black", font=font)
            if img:
                sheet.paste(img, (x, gap + label))
            else:
                draw.rectangle([x, gap + label, x + w, gap + label + h], fill="white")
        path = out_dir / f"{stem}-page-{n + 1}.png"
        sheet.save(path)
        written.append(path)
    return written


if __name__ == "__main__":
    main()
