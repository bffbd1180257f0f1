"""The archive of signed outputs: a write-once store of files, a hash-chained log, `verify`.

`media` tells what a signed file is from its bytes; `files` copies and hashes in chunks;
`records` are the items and parts; `chain` is the log's hashing and archive/CHAIN; `store`
adds and lists; `verify` checks it all.
"""

from docgen.archive.media import Inspected as Inspected
from docgen.archive.media import inspect_signed as inspect_signed
from docgen.archive.records import Item as Item
from docgen.archive.records import Part as Part
from docgen.archive.store import AddRequest as AddRequest
from docgen.archive.store import Archive as Archive
from docgen.archive.store import open_archive as open_archive
from docgen.archive.verify import FileProgress as FileProgress
from docgen.archive.verify import Verification as Verification
from docgen.archive.verify import verify_archive as verify_archive
