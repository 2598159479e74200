package io.adaptseg.app;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** Builds a command's Commons CLI {@link Options} from its declared option specs and flags. */
final class OptionList {
    private OptionList() {
    }

    static Options of(Object... specs) {
        Options options = new Options();
        for (Object spec : specs) {
            switch (spec) {
                case OptionSpec<?> o -> options.addOption(o.option());
                case Flag f -> options.addOption(f.option());
                case Option o -> options.addOption(o);
                case Options more -> more.getOptions().forEach(options::addOption);
                default -> throw new IllegalArgumentException("not an option: " + spec);
            }
        }
        return options;
    }
}
