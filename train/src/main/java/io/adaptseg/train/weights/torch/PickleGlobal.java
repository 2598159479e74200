package io.adaptseg.train.weights.torch;

/**
 * A {@code module.name} reference a pickle pushes with GLOBAL / STACK_GLOBAL. It is only a name: the
 * reader never imports or calls anything; {@link AllowedGlobals} decides what, if anything, a name
 * stands for.
 */
record PickleGlobal(String module, String name) {
    String qualifiedName() {
        return module + "." + name;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
