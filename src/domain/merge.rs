//! Merging imported data into a program.
