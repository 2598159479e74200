/** File-system helpers shared by every writer: atomic writes, so that no reader ever sees half a file. */
package io.adaptseg.core.io;
