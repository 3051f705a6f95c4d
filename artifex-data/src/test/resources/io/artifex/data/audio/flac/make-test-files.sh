#!/bin/sh
# Makes the FLAC test files of FlacReaderTest from WAV sources, with Debian 12's sox 14.4.2 and
# the reference encoder flac 1.4.2 (apt-get install sox flac). Run in an empty folder.
# `flac -a FILE.flac` shows what each file holds; the coverage is listed in README.md.
set -e
F="flac -s -f --no-padding --no-seektable"
# mono 16-bit, 16 kHz: a chirp, silence, white noise
sox -D -n -r 16000 -b 16 -c 1 a.wav synth 0.1 sine 300-3000 vol 0.6
sox -D -n -r 16000 -b 16 -c 1 z.wav trim 0 0.03
sox -D -n -r 16000 -b 16 -c 1 w.wav synth 0.03 whitenoise vol 0.3
sox -D a.wav z.wav w.wav mono16.wav
$F -8 -b 1152 -o mono16-b1152.flac mono16.wav
# the same, 24-bit container: the low 8 bits are zero (wasted bits)
sox -D mono16.wav -b 24 wasted24.wav
$F -5 -b 1024 -o wasted24-b1024.flac wasted24.wav
# mono 8-bit, 8 kHz, fixed predictors only
sox -D -n -r 8000 -b 8 -c 1 a.wav synth 0.1 sine 300-3000 vol 0.6
sox -D -n -r 8000 -b 8 -c 1 z.wav trim 0 0.03
sox -D -n -r 8000 -b 8 -c 1 w.wav synth 0.03 whitenoise vol 0.3
sox -D a.wav z.wav w.wav mono8.wav
$F -l 0 -b 256 -o mono8-fixed-b256.flac mono8.wav
# mono 24-bit, 48 kHz (5-bit Rice parameters on the noise)
sox -D -n -r 48000 -b 24 -c 1 a.wav synth 0.04 sine 300-3000 vol 0.6
sox -D -n -r 48000 -b 24 -c 1 z.wav trim 0 0.01
sox -D -n -r 48000 -b 24 -c 1 w.wav synth 0.02 whitenoise vol 0.3
sox -D a.wav z.wav w.wav mono24.wav
$F -8 -b 192 -o mono24-b192.flac mono24.wav
# mono 32-bit, 16 kHz
sox -D -n -r 16000 -b 32 -c 1 a.wav synth 0.1 sine 300-3000 vol 0.6
sox -D -n -r 16000 -b 32 -c 1 z.wav trim 0 0.03
sox -D -n -r 16000 -b 32 -c 1 w.wav synth 0.03 whitenoise vol 0.3
sox -D a.wav z.wav w.wav mono32.wav
$F -8 -b 2048 -o mono32-b2048.flac mono32.wav
# stereo 16-bit, 16 kHz: three segments made for left/side (R = L + noise), right/side
# (L = R + noise) and mid/side (L = s + n, R = s - n); -m tries every channel assignment
sox -D -n -r 16000 -b 16 -c 1 s.wav synth 0.08 sine 500 vol 0.4
sox -D -n -r 16000 -b 16 -c 1 n.wav synth 0.08 whitenoise vol 0.02
sox -D -m -v 1 s.wav -v 1 n.wav sn.wav
sox -D -m -v 1 s.wav -v -1 n.wav smn.wav
sox -D -M s.wav sn.wav seg_ls.wav
sox -D -M sn.wav s.wav seg_rs.wav
sox -D -M sn.wav smn.wav seg_ms.wav
sox -D seg_ls.wav seg_rs.wav seg_ms.wav stereo16.wav
$F -8 -m -b 576 -o stereo16-b576.flac stereo16.wav
# three channels, 16-bit, 22.05 kHz
sox -D -n -r 22050 -b 16 -c 3 three16.wav synth 0.05 sine 200 sine 300 brownnoise vol 0.5
$F -5 -b 512 --channel-map=none -o three16-b512.flac three16.wav
rm -f a.wav z.wav w.wav s.wav n.wav sn.wav smn.wav seg_ls.wav seg_rs.wav seg_ms.wav
