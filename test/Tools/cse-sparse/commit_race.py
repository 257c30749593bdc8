"""Blocks one output of `cse-sparse compile` midway through its commit.

Usage: commit_race.py BLOCK MODEL FIFO -- cse-sparse compile FIFO -o DIR ...

`compile` reserves its outputs (creates their temporaries in DIR) before it
reads its input. The input here is a FIFO: once the four temporaries exist,
this script makes BLOCK a directory, then writes MODEL into the FIFO. The
compile then runs to its end, where renaming onto BLOCK fails after the
outputs before it were renamed into place: the rollback is what is tested.
Exits with the compile's exit code.
"""

import os
import subprocess
import sys
import time


def temporaries(directory):
    return [n for n in os.listdir(directory) if ".tmp-" in n]


def main():
    block, model, fifo = sys.argv[1:4]
    command = sys.argv[sys.argv.index("--") + 1 :]
    directory = os.path.dirname(block)
    if os.path.exists(fifo):
        os.remove(fifo)
    os.mkfifo(fifo)
    compile = subprocess.Popen(command)
    deadline = time.monotonic() + 120
    while len(temporaries(directory)) < 4:
        if compile.poll() is not None:
            sys.exit("commit_race.py: compile ended before reading its input")
        if time.monotonic() > deadline:
            compile.kill()
            sys.exit("commit_race.py: no temporaries in " + directory)
        time.sleep(0.01)
    os.mkdir(block)
    with open(model) as source, open(fifo, "w") as sink:
        sink.write(source.read())
    sys.exit(compile.wait())


if __name__ == "__main__":
    main()
