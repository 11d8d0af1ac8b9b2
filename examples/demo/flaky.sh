#!/bin/sh
# The demo's flaky service: runs a while, then crashes.
life=$(awk 'BEGIN { srand(); print int(5 + rand() * 40) }')
echo "flaky up (pid $$), will crash in ${life}s"
sleep "$life"
echo "flaky: something went wrong" >&2
exit 3
