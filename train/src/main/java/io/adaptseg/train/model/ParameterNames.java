package io.adaptseg.train.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Our parameter names: the PyTorch {@code state_dict} names of an equivalent PyTorch module, derived
 * from the block tree. A child's name is the name its parent registered it under (DJL's two-digit
 * position prefix removed); children of a {@link SequentialBlock} are numbered from 0 as in
 * {@code nn.Sequential}. Examples: {@code layer3.5.conv2.weight}, {@code layer1.0.downsample.1.running_mean},
 * {@code layer6.conv2d_list.3.bias}. Names are stable: they depend only on the structure.
 */
public final class ParameterNames {
    private ParameterNames() {
    }

    /** All parameters of {@code root} (running statistics included) by our name, in block order. */
    public static Map<String, Parameter> of(Block root) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect(root, "", out);
        return Collections.unmodifiableMap(out);
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            out.put(prefix + p.getValue().getName(), p.getValue());
        }
        int index = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            String name = block instanceof SequentialBlock ? Integer.toString(index) : stripPosition(child.getKey());
            collect(child.getValue(), prefix + name + ".", out);
            index++;
        }
    }

    /** Removes the {@code 01}-style position prefix DJL puts in front of child names. */
    static String stripPosition(String djlName) {
        int i = 0;
        while (i < djlName.length() && i < 2 && Character.isDigit(djlName.charAt(i))) {
            i++;
        }
        return djlName.substring(i);
    }

    /** True for BatchNorm running statistics, which are state rather than learnable parameters. */
    public static boolean isRunningStatistic(Parameter p) {
        return p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
    }
}
