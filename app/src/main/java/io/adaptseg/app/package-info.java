/**
 * The {@code adaptseg} command line: one root {@link io.adaptseg.app.Main}, one small class per
 * subcommand, registered in {@link io.adaptseg.app.Commands}.
 */
package io.adaptseg.app;
