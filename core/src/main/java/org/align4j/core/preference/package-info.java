/** Measures of preference-trained policies on preference pairs: the implicit reward, its margin and accuracy. */
package org.align4j.core.preference;
