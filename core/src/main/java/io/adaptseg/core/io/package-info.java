/**
 * File-system helpers shared by every writer: atomic writes, so that no reader ever sees half a file;
 * output checks (writable, apart from the inputs); the lock that keeps two runs out of one folder
 * ({@link io.adaptseg.core.io.FolderLock}); and the per-run temporary folder.
 */
package io.adaptseg.core.io;
