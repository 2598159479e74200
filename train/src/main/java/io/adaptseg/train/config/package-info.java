/**
 * Training configuration: YAML files with the reference code's parameter names, {@code --set}
 * overrides, validation that names the offending key, and the resolved config written back into
 * every checkpoint.
 */
package io.adaptseg.train.config;
