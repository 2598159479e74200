package io.adaptseg.train.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.ImageResize;
import io.adaptseg.core.scoring.Protocol;
import io.adaptseg.train.data.ScaleMode;
import io.adaptseg.train.device.TrainingDevice;
import io.adaptseg.train.loss.GanLoss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one YAML mapper of training configs. Its coercions are those of the reference scripts' YAML:
 * an integer key takes only integers (no 2.5, no "2"), a flag only true/false, a number also a
 * string such as {@code 1e-4} (YAML 1.1 reads exponents without a dot as strings). It knows the
 * config's value types: sizes "W,H", paths (an empty string is "none" where a path is optional),
 * and the choices by their config spelling.
 */
final class ConfigMapper {
    static final ObjectMapper YAML = create();

    private ConfigMapper() {
    }

    private static ObjectMapper create() {
        ObjectMapper m = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // each section reads its own keys of the flat map
        m.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        for (CoercionInputShape shape : List.of(CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Float)) {
            m.coercionConfigFor(LogicalType.Integer).setCoercion(shape, CoercionAction.Fail);
        }
        for (CoercionInputShape shape : List.of(CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Integer, CoercionInputShape.Float)) {
            m.coercionConfigFor(LogicalType.Boolean).setCoercion(shape, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        SimpleModule types = new SimpleModule("adaptseg-config");
        types.addDeserializer(Size.class, new SizeDeserializer());
        types.addSerializer(Size.class, toStringSerializer(Size.class, Size::toString));
        types.addDeserializer(Path.class, new PathDeserializer());
        types.addSerializer(Path.class, toStringSerializer(Path.class, Path::toString));
        types.addDeserializer(Optional.class, new OptionalDeserializer(null));
        types.addSerializer(Optional.class, new OptionalSerializer());
        types.addDeserializer(TrainingDevice.class, new DeviceDeserializer());
        types.addSerializer(TrainingDevice.class, toStringSerializer(TrainingDevice.class, TrainingDevice::toString));
        choice(types, LabelSet.class, LabelSet::id);
        choice(types, Protocol.class, Protocol::id);
        choice(types, GanLoss.class, GanLoss::id);
        choice(types, TargetLoss.class, TargetLoss::id);
        choice(types, OnDivergence.class, OnDivergence::id);
        choice(types, Convention.class, Convention::onnxName);
        choice(types, ScaleMode.class, ScaleMode::id);
        choice(types, ImageResize.class, ImageResize::id);
        choice(types, FlipAverage.class, FlipAverage::id);
        m.registerModule(types);
        return m;
    }

    /** An enum read and written by its config spelling, case-insensitively. */
    private static <E extends Enum<E>> void choice(SimpleModule module, Class<E> type, Function<E, String> id) {
        List<String> ids = Arrays.stream(type.getEnumConstants()).map(id).toList();
        module.addSerializer(type, toStringSerializer(type, id));
        module.addDeserializer(type, new StdDeserializer<E>(type) {
            @Override
            public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken().isScalarValue()) {
                    String text = p.getText().trim().toLowerCase(Locale.ROOT);
                    for (E e : type.getEnumConstants()) {
                        if (id.apply(e).equals(text)) {
                            return e;
                        }
                    }
                }
                return ctxt.reportInputMismatch(this, "one of " + ids);
            }
        });
    }

    private static <T> JsonSerializer<T> toStringSerializer(Class<T> type, Function<T, String> text) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(text.apply(value));
            }

            @Override
            public Class<T> handledType() {
                return type;
            }
        };
    }

    /** "W,H" or [W, H]. */
    private static final class SizeDeserializer extends StdDeserializer<Size> {
        SizeDeserializer() {
            super(Size.class);
        }

        @Override
        public Size deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = p.readValueAsTree();
            List<String> parts = new ArrayList<>();
            if (node.isArray()) {
                node.elements().forEachRemaining(e -> parts.add(e.asText()));
            } else if (node.isValueNode()) {
                parts.addAll(List.of(node.asText().split(",", -1)));
            }
            if (parts.size() != 2) {
                return ctxt.reportInputMismatch(this, "a size W,H");
            }
            try {
                int w = Integer.parseInt(parts.get(0).trim());
                int h = Integer.parseInt(parts.get(1).trim());
                if (w > 0 && h > 0) {
                    return new Size(w, h);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            return ctxt.reportInputMismatch(this, "a size W,H of positive integers");
        }
    }

    /** {@code cpu}, {@code gpu} or {@code gpu:N}, exactly ({@link TrainingDevice#parse}). */
    private static final class DeviceDeserializer extends StdDeserializer<TrainingDevice> {
        DeviceDeserializer() {
            super(TrainingDevice.class);
        }

        @Override
        public TrainingDevice deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    return TrainingDevice.parse(p.getText());
                } catch (IllegalArgumentException e) {
                    // reported below, with the accepted forms
                }
            }
            return ctxt.reportInputMismatch(this, TrainingDevice.FORMS);
        }
    }

    private static final class PathDeserializer extends StdDeserializer<Path> {
        PathDeserializer() {
            super(Path.class);
        }

        @Override
        public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken().isScalarValue() && !p.getText().isBlank()) {
                return Path.of(p.getText().trim());
            }
            return ctxt.reportInputMismatch(this, "a path");
        }
    }

    /** An optional value: an empty string is "none", as in the reference scripts' defaults. */
    private static final class OptionalDeserializer extends StdDeserializer<Optional<?>> implements ContextualDeserializer {
        private final JsonDeserializer<?> content;

        OptionalDeserializer(JsonDeserializer<?> content) {
            super(Optional.class);
            this.content = content;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            var type = property != null ? property.getType() : ctxt.getContextualType();
            return new OptionalDeserializer(ctxt.findContextualValueDeserializer(type.containedTypeOrUnknown(0), property));
        }

        @Override
        public Optional<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING && p.getText().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(content.deserialize(p, ctxt));
        }
    }

    @SuppressWarnings("rawtypes")
    private static final class OptionalSerializer extends JsonSerializer<Optional> {
        @Override
        public void serialize(Optional value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value.isEmpty()) {
                gen.writeString("");
            } else {
                serializers.defaultSerializeValue(value.get(), gen);
            }
        }

        @Override
        public Class<Optional> handledType() {
            return Optional.class;
        }
    }
}
