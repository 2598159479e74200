/**
 * Label sets (Cityscapes 19, SYNTHIA 16 and 13 protocols), their class names and official colours,
 * and the id maps between dataset label ids and training ids (docs/methods.md has the tables).
 */
package io.adaptseg.core.labels;
