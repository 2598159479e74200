/**
 * Images as flat arrays: label images (8- and 16-bit PNG) and RGB images, their PNG codec, and
 * atomic file writing. Training, scoring and prediction all read and write pixels through here.
 */
package io.adaptseg.core.image;
