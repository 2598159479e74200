package io.adaptseg.runtime.backend;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes ONNX Runtime's error texts fit for a user: ORT prefixes many of them with its source
 * location and the C++ signature of the function that failed
 * ({@code /onnxruntime_src/.../model.cc:177 onnxruntime::Model::Model(onnx::ModelProto&&, ...) ModelProto does not have a graph.}),
 * which says nothing about the model file; only the sentence after it is kept.
 */
public final class OrtMessages {
    private static final Pattern LOCATION = Pattern.compile("(?:/[^\\s:/]*)*/?[\\w.-]+\\.(?:cc|cpp|h):\\d+\\s+");

    private OrtMessages() {
    }

    /** {@code message} without ORT source locations and the C++ signatures that follow them. */
    public static String clean(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        Matcher m = LOCATION.matcher(message);
        int pos = 0;
        while (m.find(pos)) {
            out.append(message, pos, m.start()).append(' ');
            pos = skipSignature(message, m.end());
        }
        out.append(message.substring(pos));
        return out.toString().replaceAll("\\s+", " ").trim();
    }

    /** The index after a C++ signature ({@code ns::f(args) const}) starting at {@code start}, or {@code start}. */
    private static int skipSignature(String s, int start) {
        int open = s.indexOf('(', start);
        if (open < 0 || s.substring(start, open).contains(" ") && !s.substring(start, open).contains("::")) {
            return start;
        }
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                int end = i + 1;
                if (s.startsWith(" const", end)) {
                    end += 6;
                }
                while (end < s.length() && s.charAt(end) == ' ') {
                    end++;
                }
                return end;
            }
        }
        return start;
    }
}
