"""Validates CSDL XML documents against the OASIS edmx.xsd (which imports edm.xsd).

usage: python validate_xml.py SCHEMA_DIR DOCUMENT.xml...

Prints "ok: FILE" or "invalid: FILE" with every reason, one per line; exits 1 if any
document is invalid. Uses the `xmlschema` package, an XSD 1.0/1.1 validator; nothing is
fetched over the network (edmx.xsd imports edm.xsd from the same directory).
"""

import sys
from pathlib import Path

import xmlschema


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    schema = xmlschema.XMLSchema10(str(Path(argv[1]) / "edmx.xsd"))
    failed = 0
    for document in argv[2:]:
        errors = list(schema.iter_errors(document))
        if errors:
            failed += 1
            print(f"invalid: {document}")
            for error in errors:
                print(f"  {error.path}: {error.reason}")
        else:
            print(f"ok: {document}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
