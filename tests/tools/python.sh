# Sourced by the test scripts: $py is the interpreter that sees Debian's test packages
# (python3-jsonschema, python3-ruamel.yaml, python3-selenium). Debian's own /usr/bin/python3 unless
# TIMELINEC_PYTHON names another; the first python3 on PATH may be a build that does not see them.
py=${TIMELINEC_PYTHON:-/usr/bin/python3}
[ -x "$py" ] || py=python3
