"""Reporters: turn a Verification into something a person or a program reads.

They decide nothing: every verdict was made by the checks.
"""
