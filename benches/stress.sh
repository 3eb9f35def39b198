#!/usr/bin/env bash
# Stress runs: inputs far beyond what a clinic writes, to see time and memory grow with them
# rather than fail. Each case runs once (they are long); the table gives wall time and peak
# memory from GNU time (`/usr/bin/time -v`), the exit status, and what came out.
#
#   bash benches/stress.sh            # release build; inputs and output under target/stress
#
# Cases:
#   - one handout of 10,000 bullets, the longest list a handout may have (layout::limits),
#     and one of 100,000 bullets (about 200 KB of YAML), which must be refused quickly;
#   - one handout of 16 image blocks showing one 3000 × 3000 picture: decoding and embedding;
#   - 10,000 personalised copies of the symptom checklist from one CSV file: a big batch.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/handout
work=$PWD/target/stress
rm -rf "$work" && mkdir -p "$work"

# Handouts live beside the shipped ones' brand file, so they use its logo and fonts.
python3 - "$work" <<'PY'
import os, random, struct, sys, zlib
work = sys.argv[1]
random.seed(1)

# One-letter bullets as a flow list: 10,000 (the limit) and 100,000 (about 200 KB of YAML).
letters = "abcdefghijklmnopqrstuvwxyz"
for name, count in [("bullets-10k", 10_000), ("bullets-100k", 100_000)]:
    items = ",".join(letters[i % 26] for i in range(count))
    with open(os.path.join(work, name + ".yaml"), "w") as f:
        f.write(f"title: {count} bullets\nblocks:\n  - bullets: [" + items + "]\n")

# A 3000 x 3000 RGB PNG, written by hand (no PIL): smooth gradients with a little noise, so
# it compresses like a photograph rather than like a flat colour.
side = 3000
def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
noise = bytes(random.randrange(16) for _ in range(side * 3 + 64))
rows = []
for y in range(side):
    g = y * 255 // side
    row = bytearray(side * 3)
    row[0::3] = bytes(x * 255 // side for x in range(side))
    row[1::3] = bytes([g]) * side
    row[2::3] = bytes(((x ^ y) & 0x7F) for x in range(side))
    shift = y % 64
    row = bytes((a + b) & 0xFF for a, b in zip(row, noise[shift:shift + side * 3]))
    rows.append(b"\x00" + row)
png = b"\x89PNG\r\n\x1a\n"
png += chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 6))
png += chunk(b"IEND", b"")
with open(os.path.join(work, "large.png"), "wb") as f:
    f.write(png)
with open(os.path.join(work, "pictures.yaml"), "w") as f:
    f.write("title: Sixteen large pictures\nblocks:\n")
    for i in range(16):
        f.write(f"  - image: {{path: large.png, width: 50%, alt: Picture {i + 1}}}\n")

# 10,000 patients with accented names.
first = ["Ana", "José", "María", "Luis", "Zoë", "Renée", "Íñigo", "Sofía", "John", "Aisha"]
last = ["López", "García", "Smith", "O’Brien", "Müller", "Nuñez", "Peña", "Chen", "Okafor"]
with open(os.path.join(work, "patients.csv"), "w") as f:
    f.write("Patient name,Date\n")
    for i in range(10_000):
        f.write(f'"{random.choice(first)} {random.choice(last)}",2026-12-{i % 28 + 1:02d}\n')
PY

# Runs one case: a short id (its output folder), its name in the table, then the command
# (with @OUT@ for the output folder). Prints a table row; a failed run is a row too, with its
# exit status, and the end of its output goes to stderr.
measure() {
  local id=$1 name=$2; shift 2
  local out=$work/out-$id
  mkdir -p "$out"
  local status=0
  /usr/bin/time -v -o "$work/time" "${@//@OUT@/$out}" >"$work/log" 2>&1 || status=$?
  local wall rss files bytes pages
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time")
  files=$(find "$out" -name '*.pdf' | wc -l)
  bytes=$(du -sb "$out" | awk '{printf "%.1f", $1 / 1048576}')
  pages=""
  if [ "$files" -eq 1 ] && command -v pdfinfo >/dev/null; then
    pages=", $(pdfinfo "$(find "$out" -name '*.pdf')" | awk '/^Pages:/ {print $2}') pages"
  fi
  echo "| $name | $wall | $rss MB | $status | $files PDF, $bytes MB$pages |"
  if [ "$status" -ne 0 ]; then
    echo "stress: $name exited $status; last lines of its output:" >&2
    tail -n 5 "$work/log" >&2
  fi
}

size() { du -h "$1" | cut -f1; }

echo "machine: $(nproc) cores, $(awk '/model name/ {$1=$2=$3=""; print; exit}' /proc/cpuinfo | xargs), $(uname -sr)"
echo
echo "| case (whole process, one run) | wall (m:ss) | peak memory | exit | output |"
echo "|---|---|---|---|---|"
measure bullets-10k "10,000 bullets, the limit ($(size "$work/bullets-10k.yaml") of YAML)" \
  "$bin" build "$work/bullets-10k.yaml" --brand handouts/brand.yaml -o @OUT@ -q
measure bullets-100k "100,000 bullets, refused ($(size "$work/bullets-100k.yaml") of YAML)" \
  "$bin" build "$work/bullets-100k.yaml" --brand handouts/brand.yaml -o @OUT@ -q
measure pictures "16 image blocks of one 3000 × 3000 PNG ($(size "$work/large.png"))" \
  "$bin" build "$work/pictures.yaml" --brand handouts/brand.yaml -o @OUT@ -q
measure copies "10,000 copies of the symptom checklist" \
  "$bin" build handouts/symptom-checklist.yaml --data "$work/patients.csv" -o @OUT@ -q
