#!/usr/bin/env bash
# Hostile-input and fault sweep of issues 16 and 30 (docs/reliability.md records a run). Every case runs the
# real command line and prints one markdown row: the case, the exit code and the first line of
# what the command said (stderr, else the line of stdout that matters).
#
# usage: scripts/hostile-sweep.sh WORK_DIR MODEL.onnx CHECKPOINT_DIR IMAGES_DIR
#   MODEL.onnx and CHECKPOINT_DIR from `./adaptseg demo --quick` (models/*.onnx, train/*/iter_*), IMAGES_DIR
#   a folder of a few PNG images. Needs root for the tmpfs, read-only and immutable cases (skipped otherwise).
#   Takes about 8 minutes on a loaded 2-core machine. ONLY=30 runs the issue-30 cases alone.
set -u
W=$1; MODEL=$2; CKPT=$3; IMAGES=$4
A="$(cd "$(dirname "$0")/.." && pwd)/adaptseg"
rm -rf "$W"; mkdir -p "$W"
cd "$W"
cp -r "$IMAGES" imgs
N=0
row() { # row "case" rc "message"
    N=$((N + 1))
    # runs of 20 or more of one character (the long names of issue 30) are written as c{n}
    printf '| %d | %s | %s | %s |\n' "$N" "$1" "$2" "$(echo "$3" | tr '|' '/' | perl -pe 's/((.)\2{19,})/$2."{".length($1)."}"/ge' | cut -c1-220)"
}
run() { # run "case" args... ; the message is stderr's first line, else the last stdout line
    local name=$1; shift
    timeout 300 "$A" "$@" >out.txt 2>err.txt
    local rc=$?
    local msg
    msg=$(grep -E '^adaptseg [a-z]+: ' err.txt | grep -v '^adaptseg: building' | head -1)
    [ -z "$msg" ] && [ -n "${SHOW:-}" ] && msg=$(grep -E "$SHOW" out.txt | head -2 | tr '\n' ' ')  # SHOW=regex: the lines that matter
    [ -z "$msg" ] && msg=$(grep -E '^  [^ ]' out.txt | head -2 | tr '\n' ' ')   # the failed inputs, one line each
    [ -z "$msg" ] && msg=$(grep -E 'predicted|wrote|removed|done at' out.txt | head -2 | tr '\n' ' ')
    row "$name" "$rc" "$msg"
}
png() { # png FILE W H [rows-of-data]: an RGB PNG whose header says WxH, with ROWS zero rows of data
    python3 - "$@" <<'PY'
import struct, sys, zlib
f, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = int(sys.argv[4]) if len(sys.argv) > 4 else h
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
data = zlib.compress(bytes((w * 3 + 1) * rows), 9)
open(f, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                    + chunk(b'IDAT', data) + chunk(b'IEND', b''))
PY
}
P=(predict --model "$MODEL")

echo "| # | case | exit | what the command said |"
echo "|---|---|---|---|"
if [ "${ONLY:-}" != 30 ]; then
# --- inputs that are not what they claim ---------------------------------------------------------
mkdir -p loop && cp imgs/$(ls imgs | head -1) loop/a.png && ln -s .. loop/up && ln -s loop/self loop/self 2>/dev/null
run "symlink loop and a self-link in --images" "${P[@]}" --images loop --out o-loop
mkdir -p odd && cp imgs/$(ls imgs | head -1) odd/ok.png && mkfifo odd/fifo.png && mkdir odd/dir.png
run "a FIFO and a folder named *.png in --images" "${P[@]}" --images odd --out o-odd
mkdir -p bomb && png bomb/bomb.png 20000 20000 0 && cp imgs/$(ls imgs | head -1) bomb/ok.png
run "69-byte PNG claiming 20000x20000 (default budget)" "${P[@]}" --images bomb --out o-bomb
mkdir -p short && png short/short.png 8000 8000 0
run "PNG claiming 8000x8000 (within budget) with no data" "${P[@]}" --images short --out o-short
mkdir -p big && png big/zeros.png 7000 7000
ADAPTSEG_JAVA_OPTS=-Xmx256m run "valid 7000x7000 PNG with -Xmx256m" "${P[@]}" --images big --out o-big
mkdir -p trunc && f=$(ls imgs | head -1) && head -c 2000 imgs/$f > trunc/half.png
run "PNG cut off after 2000 bytes" "${P[@]}" --images trunc --out o-trunc
mkdir -p zero && : > zero/zero.png && f=$(ls imgs | head -1) && python3 -c "import sys; b=bytearray(open(sys.argv[1],'rb').read()); b[40]^=1; open(sys.argv[2],'wb').write(b)" imgs/$f zero/badcrc.png
run "0-byte PNG and a PNG with one flipped bit (CRC)" "${P[@]}" --images zero --out o-zero
mkdir -p jpg && printf '\xff\xd8\xff\xe0 not really a jpeg' > jpg/x.png && printf '\xff\xd8\xff\xe0' > jpg/y.jpg
run "JPEG bytes named .png, broken .jpg" "${P[@]}" --images jpg --out o-jpg
mkdir -p tiny && png tiny/one.png 1 1 && png tiny/strip.png 4000 2
run "1x1 and 4000x2 images" "${P[@]}" --images tiny --out o-tiny
mkdir -p empty
run "--images an empty folder" "${P[@]}" --images empty --out o-empty
# --- models that are not models ------------------------------------------------------------------
: > empty.onnx
run "empty model file" predict --model empty.onnx --images imgs --out o-m1
head -c 3000 "$MODEL" > half.onnx
run "model truncated to 3000 bytes" predict --model half.onnx --images imgs --out o-m2
sed 's/labels/labelz/g' "$MODEL" > nolabels.onnx
run "model whose 'labels' output is renamed away" predict --model nolabels.onnx --images imgs --out o-m3
run "--model a folder" predict --model imgs --images imgs --out o-m4
# --- outputs that cannot be written --------------------------------------------------------------
run "--out equal to --images" "${P[@]}" --images imgs --out imgs
run "--out inside --images" "${P[@]}" --images imgs --out imgs/preds
run "--out /dev/null" "${P[@]}" --images imgs --out /dev/null
run "--out under /proc" "${P[@]}" --images imgs --out /proc/preds
run "score --json in a read-only place (/proc)" score --gt imgs --pred imgs --json /proc/s.json
if [ "$(id -u)" = 0 ]; then
    mkdir -p small && mount -t tmpfs -o size=96k tmpfs small
    mkdir -p many && for i in $(seq 1 40); do cp imgs/$(ls imgs | head -1) many/i$i.png; done
    run "disk full: --out on a 96 KiB tmpfs, 40 images" "${P[@]}" --images many --out small/preds --formats trainid,color,overlay
    row "  ... what the full disk holds" "-" "$(find small -name '*.png' | wc -l) complete PNGs, $(find small -name '*.part' | wc -l) .part files"
    umount small
    mkdir -p ro && mount -t tmpfs -o size=1m,ro tmpfs ro
    run "--out on a read-only mount" "${P[@]}" --images imgs --out ro/preds
    umount ro
    mkdir -p imm && chattr +i imm
    run "--out an immutable folder (chattr +i)" "${P[@]}" --images imgs --out imm
    chattr -i imm
else
    row "tmpfs / read-only / immutable cases" "-" "skipped (needs root)"
fi
# --- signals and resume --------------------------------------------------------------------------
mkdir -p many2 && for i in $(seq 1 40); do cp imgs/$(ls imgs | head -1) many2/i$i.png; done
"$A" "${P[@]}" --images many2 --out o-term --batch 1 >/dev/null 2>&1 & pid=$!
for t in $(seq 1 600); do [ "$(find o-term -name '*.png' 2>/dev/null | wc -l)" -ge 6 ] && break; sleep 0.1; done
kill -TERM $pid 2>/dev/null; wait $pid; rc=$?
row "SIGTERM during predict" "$rc" "$(find o-term -name '*.png' | wc -l) outputs, $(find o-term -name '.*.part' | wc -l) .part files left"
run "  ... then predict --resume" "${P[@]}" --images many2 --out o-term --resume --batch 1
"$A" "${P[@]}" --images many2 --out o-straight --batch 1 >/dev/null 2>&1
row "  ... resumed vs uninterrupted outputs" "-" "$(diff -r -x 'iou.*' o-term o-straight >/dev/null && echo byte-identical || echo DIFFERENT)"
sed 's/labels/lab3ls/' "$MODEL" > other.onnx
run "  ... then --resume with another model file" predict --model other.onnx --images many2 --out o-term --resume
# --- options -------------------------------------------------------------------------------------
run "--batch 0" "${P[@]}" --images imgs --out o-b --batch 0
run "--batch 99999999" "${P[@]}" --images imgs --out o-b2 --batch 99999999
run "--threads abc" "${P[@]}" --images imgs --out o-t --threads abc
run "--providers bogus" "${P[@]}" --images imgs --out o-p --providers bogus
run "--providers cuda:0 --fallback fail (no GPU)" "${P[@]}" --images imgs --out o-p2 --providers cuda:0 --fallback fail
run "--ort-library with the java backend" "${P[@]}" --images imgs --out o-p3 --ort-library /nonexistent.so
run "--max-pixels 0" "${P[@]}" --images imgs --out o-mp --max-pixels 0
run "--split ../../etc" predict --model "$MODEL" --cityscapes "$W" --split ../../etc --out o-s
run "score --gt and --pred the same folder" score --gt imgs --pred imgs
# --- training and export -------------------------------------------------------------------------
run "train --set learning-rate (no '=')" train --config /nonexistent.yaml --set learning-rate
: > empty.yaml
run "train --config an empty file" train --config empty.yaml
run "train --config a folder" train --config imgs
run "train --resume-from a file" train --resume-from empty.yaml
mkdir -p nockpt
run "export --checkpoint an empty folder" export --checkpoint nockpt --out m.onnx
run "export --out /proc/m.onnx" export --checkpoint "$CKPT" --out /proc/m.onnx
# training that diverges, and kill -9 while checkpoints are written
CFG="$CKPT/config.yaml"
run "train at learning-rate 1e8 (saves every iteration)" train --config "$CFG" --set snapshot-dir="$W/lr" \
    --set learning-rate=1e8 --set num-steps=40 --set num-steps-stop=40 --set save-pred-every=1 --set val-every=0
row "  ... checkpoints left" "-" "$(ls "$W/lr" | grep -c '^iter_') iter_* folders"
for delay in 0.4 1.1 2.3; do
    "$A" train --config "$CFG" --set snapshot-dir="$W/k9" --set num-steps=200 --set num-steps-stop=200 \
        --set save-pred-every=1 --set val-every=0 >/dev/null 2>&1 & pid=$!
    # kill once checkpoints are being written, at a different moment each time
    for t in $(seq 1 1200); do ls "$W/k9" 2>/dev/null | grep -q '^iter_' && break; sleep 0.1; done
    sleep $delay; kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
    rm -rf "$W/k9"/iter_* # the next round starts from scratch and must find the old leftovers
done
row "kill -9 three times while saving every iteration" "-" "$(find "$W/k9" -maxdepth 1 -name '.iter_*' | wc -l) hidden temporary folders left"
run "  ... then train again into that folder" train --config "$CFG" --set snapshot-dir="$W/k9" --set num-steps=2 \
    --set num-steps-stop=2 --set val-every=0
fi

# --- issue 30, items 5 to 10 ---------------------------------------------------------------------
[ "${ONLY:-}" = 30 ] && N=46
grey() { # grey FILE W H VALUE: an 8-bit grey PNG filled with VALUE (a label file)
    python3 - "$@" <<'PY'
import struct, sys, zlib
f, w, h, v = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
data = zlib.compress(b''.join(b'\x00' + bytes([v]) * w for _ in range(h)), 9)
open(f, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0))
                    + chunk(b'IDAT', data) + chunk(b'IEND', b''))
PY
}
CFG="$CKPT/config.yaml"
ARCH=$(sed -n 's/^model: *//p' "$CFG")
"$A" export --checkpoint "$CKPT" --out ck.onnx >/dev/null 2>&1
SHOW='^note:' run "export --weights CHECKPOINT/networks/G.npz --names ours" export --weights "$CKPT/networks/G.npz" \
    --architecture "$ARCH" --names ours --out w.onnx
"$A" predict --model ck.onnx --images imgs --out p-ck --formats trainid >/dev/null 2>&1
"$A" predict --model w.onnx --images imgs --out p-w --formats trainid >/dev/null 2>&1
row "  ... its labels vs export --checkpoint's" "-" "$(diff -r p-ck/trainIds p-w/trainIds >/dev/null && echo identical || echo DIFFERENT)"
cp "$CKPT/networks/G.npz" G.npz
run "export --weights a G.npz copied out of its checkpoint" export --weights G.npz --architecture "$ARCH" \
    --names ours --out w2.onnx
ln -sfn imgs imgs-link
run "predict --images a link to a folder" "${P[@]}" --images imgs-link --out o-link --formats trainid
run "  ... --out inside the link's target" "${P[@]}" --images imgs-link --out imgs/preds
mkdir -p gt-lab pred-lab && for f in $(ls imgs); do grey "gt-lab/$f" 8 8 7; grey "pred-lab/$f" 8 8 0; done
ln -sfn gt-lab gt-link && ln -sfn pred-lab pred-link
SHOW='mIoU' run "score --gt LINK --pred LINK" score --gt gt-link --pred pred-link
mkdir -p deep && cp imgs/$(ls imgs | head -1) deep/a.png
(cd deep && for i in $(seq 1 18); do d=$(printf 'd%.0s' $(seq 1 250)); mkdir "$d" && cd "$d" || exit 1; done)
SHOW='^  ' run "a subfolder deeper than PATH_MAX in --images" "${P[@]}" --images deep --out o-deep --formats trainid
rm -rf deep/d*
if [ "$(id -u)" != 0 ]; then
    mkdir -p locked/sub && cp imgs/$(ls imgs | head -1) locked/a.png && cp locked/a.png locked/sub/b.png && chmod 000 locked/sub
    run "an unreadable subfolder (mode 000) in --images" "${P[@]}" --images locked --out o-locked --formats trainid
    chmod 700 locked/sub
else
    row "an unreadable subfolder (mode 000) in --images" "-" "skipped: root reads it (the PATH_MAX case above makes the walk fail for root)"
fi
mkdir -p long && L=$(printf 'a%.0s' $(seq 1 246)) && cp imgs/$(ls imgs | head -1) "long/$L.png"
run "input name of 250 bytes, --formats trainid" "${P[@]}" --images long --out o-long --formats trainid
run "  ... --formats trainid,color (output name 256 bytes)" "${P[@]}" --images long --out o-long2 --formats trainid,color
mkdir -p cs/leftImg8bit/val/c cs/gtFine/val/c
for f in $(ls imgs | grep _leftImg8bit.png); do cp "imgs/$f" cs/leftImg8bit/val/c/
    grey "cs/gtFine/val/c/${f%_leftImg8bit.png}_gtFine_labelIds.png" $(python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print(*struct.unpack('>II', d[16:24]))" "imgs/$f") 7; done
SHOW='^note:' run "predict --formats color,overlay on a root with gtFine" predict --model "$MODEL" --cityscapes cs --out o-col --formats color,overlay
run "  ... with --score" predict --model "$MODEL" --cityscapes cs --out o-col2 --formats color --score
run "--max-pixels 1x1 with ground truth" predict --model "$MODEL" --cityscapes cs --out o-mp1 --max-pixels 1x1
run "--max-pixels 1x1 without ground truth" "${P[@]}" --images imgs --out o-mp2 --max-pixels 1x1
run "--formats ," "${P[@]}" --images imgs --out o-f --formats ,
: > a-file
run "synth --out under a file" synth --out a-file/s
run "train with snapshot-dir under a file" train --config "$CFG" --set snapshot-dir="$W/a-file/snap" --set num-steps=2
run "train --set num-steps=abc" train --config "$CFG" --set num-steps=abc
run "score --pred a folder of RGB images" score --gt cs/gtFine/val --pred imgs
"$A" info --model "$MODEL" > info.txt 2>&1
row "info on the demo's model: parity" "-" "$(grep -i 'parity' info.txt | head -1)"
# --- issue 30, items 1-4: concurrent runs, outputs that are inputs, what killed runs leave ------------
mkdir -p many3 && for i in $(seq 1 100); do cp imgs/$(ls imgs | head -1) many3/i$i.png; done
"$A" "${P[@]}" --images many3 --out o-busy --sliding tile=32x32,stride=4x4 --threads 1 --batch 1 >first.txt 2>&1 & pid=$!
for t in $(seq 1 600); do [ -f o-busy/predict-run.json ] && break; sleep 0.1; done
run "a second predict into an --out in use" "${P[@]}" --images many3 --out o-busy
wait $pid; rc=$?
row "  ... the first run" "$rc" "$(grep -E 'predicted|FAILED' first.txt | head -1)"
"$A" "${P[@]}" --images many3 --out o-k9 --sliding tile=32x32,stride=4x4 --threads 1 --batch 1 >/dev/null 2>&1 & pid=$!
for t in $(seq 1 600); do [ -f o-k9/predict-run.json ] && break; sleep 0.1; done
sleep 1; kill -KILL $pid; wait $pid 2>/dev/null
run "predict into the --out of a run killed with -9 (its lock file left)" "${P[@]}" --images imgs --out o-k9
cp -r "$CKPT" ck && cp ck/networks/G.npz w.npz && cp -r imgs gt && cp -r imgs pr && ln -s pr pr-link
run "export --out inside --checkpoint (its G.npz)" export --checkpoint ck --out ck/networks/G.npz
run "export --weights F.npz --out F.npz" export --weights w.npz --architecture "$(sed -n 's/^model: //p' ck/config.yaml)" --out w.npz
run "score --json a ground-truth PNG" score --gt gt --pred pr --json "gt/$(ls gt | head -1)"
run "score --plot inside --pred through a link" score --gt gt --pred pr --plot pr-link/chart.png
mkdir -p ex
"$A" export --checkpoint ck --out ex/m.onnx >/dev/null 2>&1 & pid=$!
for t in $(seq 1 1200); do ls ex/.export-parity-*/model.onnx >/dev/null 2>&1 && break; sleep 0.05; done
kill -KILL $pid; wait $pid 2>/dev/null
row "kill -9 during export (once its parity model is written)" "-" "$(find ex -mindepth 1 -maxdepth 1 -name '.export-parity-*' | wc -l) scratch folders left ($(du -sk ex | cut -f1) KiB)"
"$A" export --checkpoint ck --out ex/m.onnx >out.txt 2>&1; rc=$?
row "  ... then export again into that folder" "$rc" "$(grep -E '^removed|^parity' out.txt | tr '\n' ' ')"
row "  ... what is left beside --out" "-" "$(ls -A ex | tr '\n' ' ')"
mkdir -p t1 && TMPDIR="$W/t1" "$A" "${P[@]}" --images imgs --out o-t1 >/dev/null 2>&1
row "what a predict leaves in TMPDIR" "-" "$(ls -A t1 | wc -l) entries"
mkdir -p t2
TMPDIR="$W/t2" "$A" "${P[@]}" --images many3 --out o-t2 --sliding tile=32x32,stride=4x4 --threads 1 --batch 1 >/dev/null 2>&1 & pid=$!
for t in $(seq 1 600); do [ -f o-t2/predict-run.json ] && break; sleep 0.1; done
sleep 1; kill -KILL $pid; wait $pid 2>/dev/null
row "  ... a predict killed with -9" "-" "$(ls -A t2 | tr '\n' ' ')($(du -sk t2 | cut -f1) KiB)"
TMPDIR="$W/t2" "$A" "${P[@]}" --images imgs --out o-t3 >/dev/null 2>&1
row "  ... after the next run" "-" "$(ls -A t2 | wc -l) entries"
"$A" train --config "$CFG" --set snapshot-dir="$W/snapA" --set num-steps=4 --set num-steps-stop=2 --set save-pred-every=2 \
    --set val-every=0 >/dev/null 2>&1
cp -r snapA snapB && before=$(ls snapA | tr '\n' ' ')
run "train --resume-from a copy of a snapshot folder" train --resume-from snapB --set num-steps-stop=4
row "  ... the original folder" "-" "$([ "$(ls snapA | tr '\n' ' ')" = "$before" ] && echo unchanged || echo WRITTEN INTO); the copy has $(ls snapB | grep -c '^iter_') iter_* folders"
