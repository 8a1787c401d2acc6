using System.Reflection;
using System.Text.Json;
using Avz.Exchange.Cases;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Avz.Exchange.Api.Cases;

/// <summary>
/// The 200 answer to an information request, written straight to the response body. It writes the bytes
/// <c>TypedResults.Ok(view)</c> writes with the gateway's JSON options, and declares the same response metadata, so
/// the API document and the wire format are unchanged.
/// </summary>
/// <remarks>
/// Why not System.Text.Json's serializer: an item's fields are an <c>IReadOnlyDictionary&lt;string, object&gt;</c>, so
/// the serializer looks up a converter by each value's runtime type and walks its generic collection converters; the
/// load run's profile (request-path.md, thirteenth round) put that at about a tenth of the request's worker time. The
/// values are strings or booleans (<see cref="FieldValues.ToWire"/>); anything else still goes through the serializer.
/// <c>InformationResultTests</c> holds the bytes to the serializer's for generated views. The whole answer goes into
/// the response pipe before its one flush: the view it is written from is in memory anyway, and the answer is about
/// 500 bytes an item (2,482 bytes for the benchmark's five items).
/// </remarks>
internal sealed class InformationResult(InformationView view) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<InformationView>, IContentTypeHttpResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    /// <inheritdoc/>
    public InformationView Value => view;

    object? IValueHttpResult.Value => view;

    /// <inheritdoc/>
    public int? StatusCode => StatusCodes.Status200OK;

    /// <inheritdoc/>
    public string ContentType => JsonContentType;

    /// <summary>Declares what <c>Ok&lt;InformationView&gt;</c> declares: a 200 with an <see cref="InformationView"/> as JSON.</summary>
    /// <param name="method">The handler.</param>
    /// <param name="builder">The endpoint's builder.</param>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(InformationView), ["application/json"]));
    }

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions(options)))
        {
            Write(writer, view, options);
        }

        try
        {
            await response.BodyWriter.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; as TypedResults.Ok's JSON writing does, this is not an error of the gateway. The
            // entry was durable before the first byte was written.
        }
    }

    /// <summary>The writer settings the serializer would use with <paramref name="options"/>.</summary>
    /// <param name="options">The serializer options.</param>
    /// <returns>The writer options.</returns>
    internal static JsonWriterOptions WriterOptions(JsonSerializerOptions options) => new()
    {
        Encoder = options.Encoder,
        Indented = options.WriteIndented,
        IndentCharacter = options.IndentCharacter,
        IndentSize = options.IndentSize,
        NewLine = options.NewLine,
        MaxDepth = options.MaxDepth,
    };

    /// <summary>Writes a view as the serializer would with <paramref name="options"/>.</summary>
    /// <param name="writer">Where to.</param>
    /// <param name="view">The view.</param>
    /// <param name="options">The serializer options whose naming policy names the properties.</param>
    internal static void Write(Utf8JsonWriter writer, InformationView view, JsonSerializerOptions options)
    {
        var names = Names.For(options);
        writer.WriteStartObject();
        writer.WriteString(names.Case, view.Case);
        writer.WriteString(names.Purpose, view.Purpose);
        writer.WriteBoolean(names.Emergency, view.Emergency);
        writer.WriteString(names.PolicyVersion, view.PolicyVersion);
        writer.WriteStartArray(names.Items);
        foreach (var item in view.Items)
        {
            writer.WriteStartObject();
            writer.WriteString(names.Id, item.Id);
            writer.WriteString(names.Category, item.Category);
            writer.WriteString(names.Supplier, item.Supplier);
            writer.WriteString(names.SuppliedAt, item.SuppliedAt);
            writer.WriteStartObject(names.Fields);
            foreach (var (field, value) in item.Fields)
            {
                writer.WritePropertyName(options.DictionaryKeyPolicy?.ConvertName(field) ?? field);
                switch (value)
                {
                    case string text:
                        writer.WriteStringValue(text);
                        break;
                    case bool flag:
                        writer.WriteBooleanValue(flag);
                        break;
                    case null:
                        writer.WriteNullValue();
                        break;
                    default:
                        JsonSerializer.Serialize(writer, value, value.GetType(), options);
                        break;
                }
            }

            writer.WriteEndObject();
            writer.WriteStartArray(names.LegalBasis);
            foreach (var basis in item.LegalBasis)
            {
                writer.WriteStringValue(basis);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray(names.Withheld);
        foreach (var field in view.Withheld)
        {
            writer.WriteStartObject();
            writer.WriteString(names.Item, field.Item);
            writer.WriteString(names.Category, field.Category);
            writer.WriteString(names.Supplier, field.Supplier);
            writer.WriteString(names.Field, field.Field);
            writer.WriteString(names.Reason, field.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The property names, encoded once per naming policy (the gateway has one).</summary>
    private sealed class Names
    {
        private static Names? last;

        private readonly JsonNamingPolicy? policy;

        private Names(JsonNamingPolicy? policy)
        {
            this.policy = policy;
            JsonEncodedText Name(string property) => JsonEncodedText.Encode(policy?.ConvertName(property) ?? property);
            (Case, Purpose, Emergency, PolicyVersion, Items, Withheld) = (Name(nameof(InformationView.Case)), Name(nameof(InformationView.Purpose)), Name(nameof(InformationView.Emergency)), Name(nameof(InformationView.PolicyVersion)), Name(nameof(InformationView.Items)), Name(nameof(InformationView.Withheld)));
            (Id, Category, Supplier, SuppliedAt, Fields, LegalBasis) = (Name(nameof(ItemView.Id)), Name(nameof(ItemView.Category)), Name(nameof(ItemView.Supplier)), Name(nameof(ItemView.SuppliedAt)), Name(nameof(ItemView.Fields)), Name(nameof(ItemView.LegalBasis)));
            (Item, Field, Reason) = (Name(nameof(WithheldView.Item)), Name(nameof(WithheldView.Field)), Name(nameof(WithheldView.Reason)));
        }

        public JsonEncodedText Case { get; }

        public JsonEncodedText Purpose { get; }

        public JsonEncodedText Emergency { get; }

        public JsonEncodedText PolicyVersion { get; }

        public JsonEncodedText Items { get; }

        public JsonEncodedText Withheld { get; }

        public JsonEncodedText Id { get; }

        public JsonEncodedText Category { get; }

        public JsonEncodedText Supplier { get; }

        public JsonEncodedText SuppliedAt { get; }

        public JsonEncodedText Fields { get; }

        public JsonEncodedText LegalBasis { get; }

        public JsonEncodedText Item { get; }

        public JsonEncodedText Field { get; }

        public JsonEncodedText Reason { get; }

        public static Names For(JsonSerializerOptions options)
        {
            var names = Volatile.Read(ref last);
            if (names is null || !ReferenceEquals(names.policy, options.PropertyNamingPolicy))
            {
                names = new Names(options.PropertyNamingPolicy);
                Volatile.Write(ref last, names);
            }

            return names;
        }
    }
}
