package io.adaptseg.app;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** An option without a value: present or not. */
record Flag(String name, String description) {
    Option option() {
        return Option.builder().longOpt(name).desc(description).build();
    }

    boolean given(CommandLine line) {
        return line.hasOption(name);
    }
}
