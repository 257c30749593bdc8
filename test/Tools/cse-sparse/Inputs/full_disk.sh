# Usage: unshare -rm sh full_disk.sh CSE_SPARSE DIR A.mlir B.mlir
#
# In a private mount namespace (gone with this script, so nothing stays
# mounted): DIR/fs becomes a 512 KiB tmpfs; A compiles into DIR/fs/out (kept
# in DIR/ref); the file system is filled up; B's compile into the same
# directory must fail and leave A's outputs byte for byte. B's error goes to
# DIR/err, the final listing of DIR/fs/out to DIR/ls.txt.
set -eu
cse_sparse=$1
dir=$2
mount -t tmpfs -o size=512k tmpfs "$dir/fs"
"$cse_sparse" compile "$3" -o "$dir/fs/out" --name net > /dev/null
cp -r "$dir/fs/out" "$dir/ref"
dd if=/dev/zero of="$dir/fs/filler" bs=4096 2> /dev/null || true
if "$cse_sparse" compile "$4" -o "$dir/fs/out" --name net > /dev/null 2> "$dir/err"; then
  echo "full_disk.sh: compile succeeded on a full file system" >&2
  exit 1
fi
for f in net.o net.h net.report.json net.report.txt; do
  cmp "$dir/fs/out/$f" "$dir/ref/$f"
done
ls -A "$dir/fs/out" > "$dir/ls.txt"
