/**
 * Training configuration: flat YAML files with the reference code's option names, {@code --set}
 * overrides and the defaults of {@code defaults.yaml}, bound once by Jackson into immutable records
 * (one per concern and per method) whose constructors check every value; a duplicate or unknown key,
 * or a bad value, is reported with the key, the value and what is allowed. The resolved config is
 * written back into every checkpoint.
 */
package io.adaptseg.train.config;
