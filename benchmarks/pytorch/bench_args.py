"""Argument parsing shared by twin.py and ../compare.py: the six reference network ids and the
integer and model-list option types, each with a one-line error naming the option."""

import argparse

MODELS = ["vae", "dcgan", "ddpm", "realnvp", "ebm", "pixelcnn"]


def int_at_least(name, minimum):
    """An argparse type: an integer >= minimum, or an error naming the option."""
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be an integer, got '{text}'")
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{name} must be at least {minimum}, got {value}")
        return value
    return parse


def positive(name):
    return int_at_least(name, 1)


def non_negative(name):
    return int_at_least(name, 0)


def model_list(text):
    """An argparse type: a comma-separated subset of MODELS."""
    ids = [m.strip() for m in text.split(",") if m.strip()]
    unknown = [m for m in ids if m not in MODELS]
    if not ids or unknown:
        raise argparse.ArgumentTypeError(f"--models must list some of {','.join(MODELS)}, got '{text}'")
    return ids
