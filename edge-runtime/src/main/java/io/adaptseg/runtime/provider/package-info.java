/**
 * Execution providers: parsing specs such as {@code cuda:0,cpu} or
 * {@code cann:device_id=0,precision_mode=force_fp32}, the fallback policy, and the outcome a session
 * reports (which provider actually runs, and why the others did not).
 */
package io.adaptseg.runtime.provider;
