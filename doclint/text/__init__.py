"""Text primitives shared by checks and commands: numerals, markers, display width and
sanitising, segmentation (lexicon), time expressions, tasks, compiled patterns."""
