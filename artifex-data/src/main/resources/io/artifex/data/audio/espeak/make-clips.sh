#!/bin/sh
# Makes the embedded audio data set (LibriSpeech layout) with Debian 12's espeak-ng 1.51, sox 14.4.2
# and flac 1.4.2 (apt-get install espeak-ng sox flac). Run in this folder; it replaces the clips.
# Speaker folders are espeak-ng voices, chapter 1; each utterance is one sentence of our own text.
set -e
make() { # speaker voice utterance text
  dir="$1/1"; mkdir -p "$dir"
  id="$1-1-$(printf '%04d' "$3")"
  espeak-ng -v "$2" -s 230 -w raw.wav "$4"
  # espeak-ng writes 22050 Hz mono 16-bit: 3 dB quieter (no clipping), resampled to 16 kHz (sox's
  # band-limited rate effect), leading and trailing silence trimmed
  sox -D raw.wav -r 16000 -b 16 -c 1 clip.wav gain -3 rate -v silence 1 0.01 0.1% reverse silence 1 0.01 0.1% reverse
  flac -s -f -8 --no-padding --no-seektable -o "$dir/$id.flac" clip.wav
  echo "$id $(echo "$4" | tr '[:lower:]' '[:upper:]')" >> "$dir/$1-1.trans.txt"
  rm -f raw.wav clip.wav
}
rm -rf 101 202 303
make 101 en-us 0 "one two three"
make 101 en-us 1 "a test of sound"
make 202 en-gb-scotland+f2 0 "four five six"
make 202 en-gb-scotland+f2 1 "a second speaker"
make 303 en-gb-x-rp+m3 0 "seven eight nine"
make 303 en-gb-x-rp+m3 1 "a third voice"
