"""The tensors a host run printed: MLIR's runner utilities (printMemrefI32
and friends) print each memref as a header line ("Unranked Memref base@ =
... sizes = [...] ... data =") followed by its nested rows."""

import re


def printed_tensors(text):
    """The integer element values of every memref in `text`, in order (row
    major). Raises ValueError for a memref it cannot read."""
    tensors = []
    for block in text.split("Unranked Memref")[1:]:
        sizes = re.search(r"sizes = \[([^\]]*)\]", block)
        data = block.split("data =", 1)
        if not sizes or len(data) != 2:
            raise ValueError("cannot read a printed memref: " + block[:80])
        count = 1
        for d in re.findall(r"\d+", sizes.group(1)):
            count *= int(d)
        values = re.findall(r"-?\d+", data[1])[:count]
        if len(values) != count:
            raise ValueError("a printed memref has %d values, not %d"
                             % (len(values), count))
        tensors.append([int(v) for v in values])
    return tensors
