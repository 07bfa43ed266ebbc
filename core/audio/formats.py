"""Which file names are audio to Wavesmith, and which reader takes them.

One table for the importer's folder walk, `wavesmith add --help`, `wavesmith process`
and the file dialogs (whose translated filter gui.widgets.file_filters builds). Routing
itself is by content (core.audio.io tries libsndfile first and hands what it cannot open
to FFmpeg); the extensions decide what a folder walk picks up, and, for headerless
telephone formats, what FFmpeg is told the bytes are.
"""

from __future__ import annotations

# Read by libsndfile: exact lengths, sample-exact seeks.
SNDFILE_EXTENSIONS = frozenset(
    {".wav", ".wave", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".aif", ".aiff", ".aifc"}
    | {".au", ".snd", ".caf", ".w64", ".rf64", ".sd2", ".voc", ".wv", ".nist", ".sph"}
)

# Headerless files: FFmpeg needs to be told what they hold, because their bytes carry no
# signature to probe. Extension -> (FFmpeg demuxer, demuxer options). Asterisk's telephone
# prompts come in all of these.
HEADERLESS_FORMATS: dict[str, tuple[str, dict[str, str]]] = {
    ".g722": ("g722", {}),  # G.722 ADPCM, 16 kHz mono
    ".722": ("g722", {}),
    ".gsm": ("gsm", {}),  # GSM 06.10 full rate, 8 kHz mono, 33-byte frames
    ".ul": ("mulaw", {"sample_rate": "8000", "ch_layout": "mono"}),
    ".ulaw": ("mulaw", {"sample_rate": "8000", "ch_layout": "mono"}),
    ".al": ("alaw", {"sample_rate": "8000", "ch_layout": "mono"}),
    ".alaw": ("alaw", {"sample_rate": "8000", "ch_layout": "mono"}),
    ".sln": ("s16le", {"sample_rate": "8000", "ch_layout": "mono"}),
    ".sln16": ("s16le", {"sample_rate": "16000", "ch_layout": "mono"}),
}

# Decoded by FFmpeg: audio containers and codecs libsndfile does not read...
AUDIO_CONTAINER_EXTENSIONS = frozenset(
    {".m4a", ".m4b", ".aac", ".adts", ".mka", ".webm", ".weba", ".amr", ".awb", ".3gp", ".3g2"}
    | {".wma", ".asf", ".ac3", ".eac3", ".dts", ".mpc", ".ape", ".tta", ".spx", ".mp2"}
    | {".alac", ".mlp", ".thd", ".ra", ".rm"}
)
# ...and the video containers whose soundtrack people import (video is never decoded).
VIDEO_EXTENSIONS = frozenset(
    {".mp4", ".m4v", ".mov", ".mkv", ".avi", ".wmv", ".flv", ".mpg", ".mpeg", ".ts", ".mts"}
    | {".m2ts", ".vob", ".ogv", ".dv"}
)
DECODED_EXTENSIONS = frozenset(HEADERLESS_FORMATS) | AUDIO_CONTAINER_EXTENSIONS | VIDEO_EXTENSIONS
AUDIO_EXTENSIONS = SNDFILE_EXTENSIONS | DECODED_EXTENSIONS


def formats_help() -> str:
    """The extensions, grouped by reader, for --help texts."""

    def names(exts) -> str:
        return " ".join(sorted(e.lstrip(".") for e in exts))

    return (
        f"libsndfile: {names(SNDFILE_EXTENSIONS)}. "
        f"FFmpeg: {names(AUDIO_CONTAINER_EXTENSIONS)}; "
        f"video soundtracks: {names(VIDEO_EXTENSIONS)}; "
        f"headerless telephone audio: {names(HEADERLESS_FORMATS)}"
    )


def name_patterns() -> str:
    """ "*.wav *.m4a ..." for file dialogs."""
    return " ".join(f"*{e}" for e in sorted(AUDIO_EXTENSIONS))
