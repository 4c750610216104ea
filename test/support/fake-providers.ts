/**
 * Fake Anthropic / Gemini / OpenAI servers for the model-router tests. The implementation lives
 * in libs/model-router/src/testing so that the cost bench (which runs the built dist/) can use it too.
 */
export * from '../../libs/model-router/src/testing/fake-providers';
