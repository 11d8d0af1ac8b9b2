#!/bin/sh
# The demo's worker: pretends to process a job every two seconds.
n=0
echo "worker started; web is at $1"
while :; do
  n=$((n + 1))
  echo "processed job $n"
  [ $((n % 5)) -eq 0 ] && echo "job $n was slow" >&2
  sleep 2
done
