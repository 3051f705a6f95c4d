package io.artifex.data.audio;

import java.nio.file.Path;

/**
 * One file of an audio data set, as indexed (nothing decoded): where it is, its label and,
 * for LibriSpeech, its speaker and transcript. Thread-safety: immutable and thread-safe.
 *
 * @param file the WAV or FLAC file
 * @param id the utterance id (LibriSpeech: {@code speaker-chapter-utterance}) or the file name
 * @param label the class index (LibriSpeech: the speaker's index among all speakers; folder: the
 *              subfolder's index), or -1 for unlabelled files
 * @param speaker the speaker id, or empty when there is none
 * @param transcript the transcript, or empty when there is none
 */
public record AudioItem(Path file, String id, int label, String speaker, String transcript) {

    /** Checks the file and id are given; null speaker and transcript become empty. */
    public AudioItem {
        if (file == null || id == null) {
            throw new IllegalArgumentException("audio item needs a file and an id");
        }
        speaker = speaker == null ? "" : speaker;
        transcript = transcript == null ? "" : transcript;
    }
}
